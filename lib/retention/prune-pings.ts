import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { daysBefore, inBatches, type BatchLimits, type PassResult } from "./batches";

export type PingRetention = { olderThanDays: number; keepPerMonitor: number; now?: Date } & BatchLimits;

/**
 * Heartbeat pings: everything older than the retention goes; within it, each monitor keeps its newest
 * `keepPerMonitor` pings plus every failure ping (the evidence of its incidents), so a chatty token
 * can't fill the disk. Both steps walk the (monitor_id, received_at desc) index one monitor at a time;
 * `id = any(array(…))` keeps the delete itself on the primary key whatever the planner thinks of the table.
 */
export async function pruneHeartbeatPings(db: Db, opts: PingRetention): Promise<PassResult> {
  const cutoff = daysBefore(opts.now, opts.olderThanDays);
  // Old pings of every monitor (type changes and paused monitors included): one index probe per monitor.
  const old = await inBatches(
    db,
    (limit) => sql`delete from heartbeat_pings where id = any(array(
      select p.id from monitors m
      cross join lateral (
        select hp.id from heartbeat_pings hp where hp.monitor_id = m.id and hp.received_at < ${cutoff}::timestamptz limit ${limit}
      ) p
      limit ${limit})) returning 1`,
    opts,
  );
  let rows = old.rows;
  if (old.capped) return { rows, capped: true };
  // Only monitors pinged within the window can hold pings the age step left.
  const busy = (await db.execute(sql`select id from monitors where last_ping_at >= ${cutoff}::timestamptz order by id`)) as unknown as { id: string }[];
  for (const { id } of busy) {
    // The oldest ping a monitor keeps, by (received_at, id): found once per pass, so pings arriving
    // meanwhile (all newer) can't shift it, and the deletes below are index range scans below it.
    // "nulls last" matches the index's order (DESC NULLS LAST): without it Postgres sorts every ping of
    // the monitor instead of reading the newest N off the index. Ties on received_at go by id.
    const [edge] = (await db.execute(sql`
      with nth as (
        select received_at from heartbeat_pings where monitor_id = ${id}
        order by received_at desc nulls last offset ${opts.keepPerMonitor - 1} limit 1
      )
      select hp.received_at::text as at, hp.id from heartbeat_pings hp, nth
      where hp.monitor_id = ${id} and hp.received_at >= nth.received_at
      order by hp.received_at desc, hp.id desc offset ${opts.keepPerMonitor - 1} limit 1`)) as unknown as { at: string; id: number }[];
    if (!edge) continue;
    const pass = await inBatches(
      db,
      (limit) => sql`delete from heartbeat_pings where id = any(array(
        select hp.id from heartbeat_pings hp
        where hp.monitor_id = ${id} and hp.received_at <= ${edge.at}::timestamptz
          and (hp.received_at < ${edge.at}::timestamptz or hp.id < ${edge.id}) and hp.kind <> 'fail'
        limit ${limit})) returning 1`,
      opts,
      rows,
    );
    rows += pass.rows;
    if (pass.capped) return { rows, capped: true };
  }
  return { rows, capped: false };
}
