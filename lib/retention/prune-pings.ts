import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { daysBefore, inBatches, type BatchLimits, type PassResult } from "./batches";

export type PingRetention = { olderThanDays: number; keepPerMonitor: number; now?: Date } & BatchLimits;

/**
 * Heartbeat pings: everything older than the retention goes; within it, each monitor keeps its newest
 * `keepPerMonitor` pings plus every failure ping (the evidence of its incidents), so a chatty token
 * can't fill the disk. Both steps walk the (monitor_id, received_at desc) index one monitor at a time.
 */
export async function pruneHeartbeatPings(db: Db, opts: PingRetention): Promise<PassResult> {
  const cutoff = daysBefore(opts.now, opts.olderThanDays);
  // Old pings of every monitor (type changes and paused monitors included): one index probe per monitor.
  const old = await inBatches(
    db,
    (limit) => sql`delete from heartbeat_pings where id in (
      select p.id from monitors m
      cross join lateral (
        select hp.id from heartbeat_pings hp where hp.monitor_id = m.id and hp.received_at < ${cutoff}::timestamptz limit ${limit}
      ) p
      limit ${limit}) returning 1`,
    opts,
  );
  let rows = old.rows;
  if (old.capped) return { rows, capped: true };
  // Only monitors pinged within the window can hold pings the age step left.
  const busy = (await db.execute(
    sql`select id from monitors where last_ping_at >= ${cutoff}::timestamptz order by id`,
  )) as unknown as { id: string }[];
  for (const { id } of busy) {
    const pass = await inBatches(
      db,
      (limit) => sql`delete from heartbeat_pings where id in (
        select older.id from (
          select hp.id, hp.kind from heartbeat_pings hp where hp.monitor_id = ${id}
          order by hp.received_at desc offset ${opts.keepPerMonitor}
        ) older
        where older.kind <> 'fail'
        limit ${limit}) returning 1`,
      opts,
      rows,
    );
    rows += pass.rows;
    if (pass.capped) return { rows, capped: true };
  }
  return { rows, capped: false };
}
