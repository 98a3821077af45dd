import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

/** Chart ranges of the monitor page: 1 h reads raw checks (≤ 240 rows), everything longer reads hourly rollups. */
export const RANGES = {
  "1h": { ms: 3_600_000, step: "1 minute", source: "raw" },
  "24h": { ms: 86_400_000, step: "1 hour", source: "hourly" },
  "7d": { ms: 7 * 86_400_000, step: "1 hour", source: "hourly" },
  "30d": { ms: 30 * 86_400_000, step: "4 hours", source: "hourly" },
  "90d": { ms: 90 * 86_400_000, step: "12 hours", source: "hourly" },
} as const;
export type ChartRange = keyof typeof RANGES;
export const RANGE_NAMES = Object.keys(RANGES) as ChartRange[];
export const isRange = (v: unknown): v is ChartRange => typeof v === "string" && v in RANGES;

export type LatencyPoint = { t: number } & Record<string, number | null>;
export type BreakdownPoint = { t: number; dns: number; connect: number; tls: number; ttfb: number };
export type LatencySeries = { regions: string[]; points: LatencyPoint[]; breakdown: BreakdownPoint[] };

type Row = { t: Date | string; region: string; checks: number; ok: number; lat: number; dns: number; connect: number; tls: number; ttfb: number };

/**
 * Average response time per region and step (successful checks only), and the DNS / connect / TLS /
 * TTFB breakdown averaged over all regions. One indexed query either way.
 */
export async function getLatencySeries(db: Db, monitorId: string, range: ChartRange, now = new Date()): Promise<LatencySeries> {
  const r = RANGES[range];
  const since = new Date(now.getTime() - r.ms).toISOString();
  const step = sql.raw(`interval '${r.step}'`);
  const rows = (await db.execute(
    r.source === "raw"
      ? sql`
        select date_bin(${step}, started_at, timestamptz '2000-01-01') as t, region, count(*)::int as checks,
          (count(*) filter (where ok))::int as ok, coalesce(sum(latency_ms) filter (where ok), 0)::float8 as lat,
          coalesce(sum(dns_ms) filter (where ok), 0)::float8 as dns, coalesce(sum(connect_ms) filter (where ok), 0)::float8 as connect,
          coalesce(sum(tls_ms) filter (where ok), 0)::float8 as tls, coalesce(sum(ttfb_ms) filter (where ok), 0)::float8 as ttfb
        from check_results where monitor_id = ${monitorId} and started_at >= ${since}::timestamptz
        group by 1, 2 order by 1`
      : sql`
        select date_bin(${step}, bucket, timestamptz '2000-01-01') as t, region, sum(checks)::int as checks,
          sum(ok_checks)::int as ok, sum(latency_sum_ms)::float8 as lat, sum(dns_sum_ms)::float8 as dns,
          sum(connect_sum_ms)::float8 as connect, sum(tls_sum_ms)::float8 as tls, sum(ttfb_sum_ms)::float8 as ttfb
        from check_rollups_hourly where monitor_id = ${monitorId} and bucket >= date_trunc('hour', ${since}::timestamptz, 'UTC')
        group by 1, 2 order by 1`,
  )) as unknown as Row[];
  return shapeSeries(rows);
}

export function shapeSeries(rows: Row[]): LatencySeries {
  const regions = [...new Set(rows.map((r) => r.region))].sort();
  const points = new Map<number, LatencyPoint>();
  const parts = new Map<number, { ok: number; dns: number; connect: number; tls: number; ttfb: number }>();
  for (const row of rows) {
    const t = new Date(row.t).getTime();
    const p = points.get(t) ?? ({ t, ...Object.fromEntries(regions.map((g) => [g, null])) } as LatencyPoint);
    p[row.region] = row.ok > 0 ? Math.round(Number(row.lat) / row.ok) : null;
    points.set(t, p);
    const b = parts.get(t) ?? { ok: 0, dns: 0, connect: 0, tls: 0, ttfb: 0 };
    b.ok += row.ok;
    b.dns += Number(row.dns);
    b.connect += Number(row.connect);
    b.tls += Number(row.tls);
    b.ttfb += Number(row.ttfb);
    parts.set(t, b);
  }
  const round = (v: number) => Math.round(v * 10) / 10;
  const breakdown = [...parts.entries()]
    .filter(([, b]) => b.ok > 0)
    .map(([t, b]) => ({
      t,
      dns: round(b.dns / b.ok),
      connect: round(b.connect / b.ok),
      tls: round(b.tls / b.ok),
      // A stored TTFB counts from the start of the check (DNS, connect and TLS included), so the stacked band is
      // what is left of it: the wait for the first byte. The stack's top is then the TTFB, nothing counted twice.
      ttfb: b.ttfb > 0 ? round(Math.max(0, b.ttfb - b.dns - b.connect - b.tls) / b.ok) : 0,
    }))
    .sort((a, b) => a.t - b.t);
  return { regions, points: [...points.values()].sort((a, b) => a.t - b.t), breakdown };
}
