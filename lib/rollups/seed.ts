import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { monitors, type Monitor, type NewMonitor } from "../db/schema";

/**
 * Seeding helpers for tests, the query benchmark and e2e: synthetic check history written with one
 * INSERT … SELECT generate_series, so months of 30-second checks take seconds, not minutes.
 */
export async function insertMonitor(db: Db, input: Partial<NewMonitor> & { workspaceId: string }): Promise<Monitor> {
  const [m] = await db
    .insert(monitors)
    .values({
      name: "Seeded monitor",
      type: "http",
      url: "https://seeded.example.test/health",
      status: "up",
      // A monitor created paused has been paused since now, as if paused through the app.
      ...(input.paused ? { pauseHistory: [{ start: new Date().toISOString(), end: null }] } : {}),
      ...input,
    })
    .returning();
  return m;
}

export type SeriesInput = {
  monitorId: string;
  regions: string[];
  from: Date;
  to: Date;
  everySeconds: number;
  /** Checks that start inside one of these intervals fail (status 503, error class "status"). */
  failing?: { from: Date; to: Date }[];
  /** Base latency; each region adds 40 ms per index and a deterministic wobble. */
  baseLatencyMs?: number;
};

export async function insertCheckSeries(db: Db, s: SeriesInput): Promise<number> {
  const failing = s.failing ?? [];
  const failCond = failing.length
    ? sql.join(
        failing.map((f) => sql`(t >= ${f.from.toISOString()}::timestamptz and t < ${f.to.toISOString()}::timestamptz)`),
        sql` or `,
      )
    : sql`false`;
  const base = s.baseLatencyMs ?? 120;
  const [res] = (await db.execute(sql`
    with ins as (insert into check_results (monitor_id, region, scheduled_at, started_at, ok, status_code, latency_ms,
      dns_ms, connect_ms, tls_ms, ttfb_ms, total_ms, error_class, error, tls_expires_at, response_snippet, response_headers)
    select ${s.monitorId}::uuid, r.region, t, t, not f, case when f then 503 else 200 end,
      case when f then null else lat end,
      case when f then null else lat * 0.1 end, case when f then null else lat * 0.15 end,
      -- TTFB counts from the start of the check, as the HTTP engine records it (DNS, connect and TLS included).
      case when f then null else lat * 0.2 end, case when f then null else lat * 0.95 end,
      case when f then null else lat end,
      case when f then 'status' end, case when f then 'Expected status 200-299, got 503' end,
      now() + interval '60 days',
      case when f then '<html><body>Service Unavailable</body></html>' end,
      case when f then 'content-type: text/html' || chr(10) || 'retry-after: 30' end
    from generate_series(${s.from.toISOString()}::timestamptz, ${s.to.toISOString()}::timestamptz - interval '1 millisecond',
      make_interval(secs => ${s.everySeconds})) as t
    cross join lateral unnest(${sql.raw(`array[${s.regions.map((r) => `'${r.replace(/'/g, "")}'`).join(",")}]`)}::text[]) with ordinality as r(region, idx)
    cross join lateral (select (${failCond}) as f,
      (${base} + (r.idx - 1) * 40 + (extract(epoch from t)::bigint % 37))::int as lat) x
    returning 1) select count(*)::int as n from ins`)) as unknown as { n: number }[];
  return Number(res.n);
}
