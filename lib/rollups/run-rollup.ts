import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

/** Any constant: the advisory lock that makes one rollup run at a time across the whole fleet. */
const ROLLUP_LOCK_KEY = 7_420_251_123;
const STATE_NAME = "checks";

export type RollupOptions = {
  /** Horizon rows are rolled up no sooner than this after the horizon was taken (default 10 s). */
  minAgeMs?: number;
  /** At most this many ids per run, so a backlog (or a first run over months of data) stays bounded. */
  maxBatch?: number;
};

export type RollupRun = { locked: boolean; rows: number; watermark: number; waiting: boolean };

type StateRow = { watermark: string | number; pending_upto: string | number | null; pending_snapshot: string | null; ready: boolean | null };

/**
 * Adds check_results rows with id > watermark into check_rollups_hourly and check_rollups_daily
 * (upsert-add) and advances the watermark in the same transaction, under pg_try_advisory_xact_lock,
 * so each row is counted exactly once however many workers call this at the same time.
 *
 * Why not simply "id > watermark": identity ids are taken when a row is inserted, not when its
 * transaction commits. A batch holding id 100 can commit after another holding id 101; advancing the
 * watermark to 101 would skip 100 forever. So each run works in two steps:
 *   1. take a horizon: H = the sequence's last value, then the current pg_snapshot (in that order).
 *      Every transaction that could still hold an id <= H is in that snapshot's in-flight list.
 *   2. a later run rolls up (watermark, H] only once every transaction of that list has finished
 *      (pg_xact_status) and the horizon is at least minAgeMs old. The age also covers the
 *      microseconds between an INSERT taking its id and taking its transaction id.
 * Rows therefore reach the rollups one run interval (~20 s) after they commit.
 */
export async function runRollup(db: Db, opts: RollupOptions = {}): Promise<RollupRun> {
  const minAgeMs = opts.minAgeMs ?? 10_000;
  const maxBatch = opts.maxBatch ?? 250_000;
  return db.transaction(async (tx) => {
    const [lock] = (await tx.execute(sql`select pg_try_advisory_xact_lock(${ROLLUP_LOCK_KEY}) as ok`)) as unknown as { ok: boolean }[];
    if (!lock.ok) return { locked: false, rows: 0, watermark: -1, waiting: false };

    await tx.execute(sql`insert into rollup_state (name) values (${STATE_NAME}) on conflict do nothing`);
    const [state] = (await tx.execute(sql`
      select watermark, pending_upto, pending_snapshot,
        pending_at <= now() - make_interval(secs => ${minAgeMs / 1000})
        and (select coalesce(bool_and(coalesce(pg_xact_status(x), 'committed') <> 'in progress'), true)
             from pg_snapshot_xip(pending_snapshot::pg_snapshot) x) as ready
      from rollup_state where name = ${STATE_NAME} for update`)) as unknown as StateRow[];

    let watermark = Number(state.watermark);
    let pendingUpto = state.pending_upto === null ? null : Number(state.pending_upto);
    let rows = 0;
    if (pendingUpto !== null && !state.ready) return { locked: true, rows: 0, watermark, waiting: true };

    if (pendingUpto !== null && pendingUpto > watermark) {
      const upper = Math.min(pendingUpto, watermark + maxBatch);
      rows = await aggregateRange(tx as unknown as Db, watermark, upper);
      watermark = upper;
      if (upper >= pendingUpto) pendingUpto = null;
    } else {
      pendingUpto = null;
    }

    if (pendingUpto === null) {
      // Sequence first, snapshot second: see the comment above.
      const [seq] = (await tx.execute(
        sql`select coalesce(pg_sequence_last_value(pg_get_serial_sequence('check_results', 'id')::regclass), 0) as h`,
      )) as unknown as { h: string | number }[];
      const [snap] = (await tx.execute(sql`select pg_current_snapshot()::text as s`)) as unknown as { s: string }[];
      const h = Number(seq.h);
      await tx.execute(sql`
        update rollup_state set watermark = ${watermark},
          pending_upto = ${h > watermark ? h : null}, pending_snapshot = ${h > watermark ? snap.s : null},
          pending_at = ${h > watermark ? sql`now()` : null}, updated_at = now()
        where name = ${STATE_NAME}`);
    } else {
      await tx.execute(sql`update rollup_state set watermark = ${watermark}, updated_at = now() where name = ${STATE_NAME}`);
    }
    return { locked: true, rows, watermark, waiting: false };
  });
}

/**
 * Averages and timing sums are over successful checks only (divide by okChecks): a timeout has no
 * meaningful response time, and mixing it in would make the chart drop when a site goes down.
 */
async function aggregateRange(tx: Db, lo: number, hi: number): Promise<number> {
  const [res] = (await tx.execute(sql`
    with delta as (
      select c.monitor_id, c.region, date_trunc('hour', c.started_at, 'UTC') as bucket,
        count(*)::int as checks, (count(*) filter (where c.ok))::int as ok_checks,
        coalesce(sum(c.latency_ms) filter (where c.ok), 0)::bigint as latency_sum_ms,
        coalesce(max(c.latency_ms) filter (where c.ok), 0)::int as latency_max_ms,
        coalesce(sum(c.dns_ms) filter (where c.ok), 0)::real as dns_sum_ms,
        coalesce(sum(c.connect_ms) filter (where c.ok), 0)::real as connect_sum_ms,
        coalesce(sum(c.tls_ms) filter (where c.ok), 0)::real as tls_sum_ms,
        coalesce(sum(c.ttfb_ms) filter (where c.ok), 0)::real as ttfb_sum_ms
      from check_results c
      where c.id > ${lo} and c.id <= ${hi}
      group by 1, 2, 3
    ), hourly as (
      insert into check_rollups_hourly as r (monitor_id, region, bucket, checks, ok_checks, latency_sum_ms, latency_max_ms,
        dns_sum_ms, connect_sum_ms, tls_sum_ms, ttfb_sum_ms)
      select * from delta
      on conflict (monitor_id, region, bucket) do update set
        checks = r.checks + excluded.checks, ok_checks = r.ok_checks + excluded.ok_checks,
        latency_sum_ms = r.latency_sum_ms + excluded.latency_sum_ms,
        latency_max_ms = greatest(r.latency_max_ms, excluded.latency_max_ms),
        dns_sum_ms = r.dns_sum_ms + excluded.dns_sum_ms, connect_sum_ms = r.connect_sum_ms + excluded.connect_sum_ms,
        tls_sum_ms = r.tls_sum_ms + excluded.tls_sum_ms, ttfb_sum_ms = r.ttfb_sum_ms + excluded.ttfb_sum_ms
      returning 1
    ), daily as (
      insert into check_rollups_daily as r (monitor_id, region, bucket, checks, ok_checks, latency_sum_ms, latency_max_ms)
      select monitor_id, region, date_trunc('day', bucket, 'UTC'), sum(checks), sum(ok_checks), sum(latency_sum_ms), max(latency_max_ms)
      from delta group by 1, 2, 3
      on conflict (monitor_id, region, bucket) do update set
        checks = r.checks + excluded.checks, ok_checks = r.ok_checks + excluded.ok_checks,
        latency_sum_ms = r.latency_sum_ms + excluded.latency_sum_ms,
        latency_max_ms = greatest(r.latency_max_ms, excluded.latency_max_ms)
      returning 1
    )
    select coalesce(sum(checks), 0)::int as rows, (select count(*) from hourly) as h, (select count(*) from daily) as d from delta`)) as unknown as {
    rows: number;
  }[];
  return Number(res.rows);
}

/** Runs the rollup until every row committed before the call is rolled up (tests, bench, backfill). */
export async function rollupUntilCaughtUp(db: Db, opts: RollupOptions & { timeoutMs?: number } = {}): Promise<number> {
  const [seq] = (await db.execute(
    sql`select coalesce(pg_sequence_last_value(pg_get_serial_sequence('check_results', 'id')::regclass), 0) as h`,
  )) as unknown as { h: string | number }[];
  const target = Number(seq.h);
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  let total = 0;
  for (;;) {
    const run = await runRollup(db, { minAgeMs: 0, ...opts });
    total += run.rows;
    if (run.locked && run.watermark >= target) return total;
    if (Date.now() > deadline) throw new Error(`rollup did not catch up to id ${target} in time (at ${run.watermark})`);
    if (!run.locked || run.waiting) await new Promise((r) => setTimeout(r, 50));
  }
}
