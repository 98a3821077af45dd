import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { computeUptime } from "../uptime/compute";
import { pausedSpans } from "../uptime/paused";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export type OverviewStats = {
  /** Same definition as everywhere else (lib/uptime): time-weighted from incidents over the last 24 h. */
  uptime24h: number;
  /** 24 hourly average response times (successful checks, all regions), oldest first; null = no data that hour. */
  sparkline: (number | null)[];
};

type Row = {
  id: string;
  type: "http" | "heartbeat";
  paused: boolean;
  created_at: string;
  updated_at: string;
  last_checked_at: string | null;
  last_ping_at: string | null;
  spark: [string, number | null][] | null;
  incidents: [string, string | null][] | null;
};

/**
 * Uptime and sparkline for a page of monitors in ONE query (no N+1): each monitor's incidents that
 * overlap the last 24 h and its hourly rollups (≤ 24 per region, primary-key range) are gathered
 * by correlated subqueries, so the cost grows with the page size, not with the workspace or history.
 * The caller has already scoped monitorIds to the workspace (they come from its list query).
 */
export async function getOverviewStats(db: Db, monitorIds: string[], now = new Date()): Promise<Map<string, OverviewStats>> {
  const out = new Map<string, OverviewStats>();
  if (monitorIds.length === 0) return out;
  const t = now.getTime();
  const firstHour = Math.floor(t / HOUR) * HOUR - 23 * HOUR;
  const since = new Date(t - DAY).toISOString();
  const rows = (await db.execute(sql`
    select m.id, m.type, m.paused, m.created_at, m.updated_at, m.last_checked_at, m.last_ping_at,
      (select json_agg(json_build_array(h.bucket, h.avg) order by h.bucket) from (
         select bucket, (sum(latency_sum_ms)::float8 / nullif(sum(ok_checks), 0)) as avg
         from check_rollups_hourly
         where monitor_id = m.id and bucket >= ${new Date(firstHour).toISOString()}::timestamptz
         group by bucket) h) as spark,
      (select json_agg(json_build_array(i.started_at, i.resolved_at)) from incidents i
         where i.monitor_id = m.id and i.started_at < ${now.toISOString()}::timestamptz
           and (i.resolved_at is null or i.resolved_at > ${since}::timestamptz)) as incidents
    from monitors m
    where m.id in (${sql.join(monitorIds.map((id) => sql`${id}::uuid`), sql`, `)})`)) as unknown as Row[];
  for (const r of rows) {
    const sparkline: (number | null)[] = Array.from({ length: 24 }, () => null);
    for (const [bucket, avg] of r.spark ?? []) {
      const idx = Math.round((new Date(bucket).getTime() - firstHour) / HOUR);
      if (idx >= 0 && idx < 24 && avg !== null) sparkline[idx] = Math.round(avg);
    }
    const facts = {
      type: r.type,
      paused: r.paused,
      createdAt: new Date(r.created_at),
      updatedAt: new Date(r.updated_at),
      lastCheckedAt: r.last_checked_at ? new Date(r.last_checked_at) : null,
      lastPingAt: r.last_ping_at ? new Date(r.last_ping_at) : null,
    };
    const u = computeUptime({
      windowStart: t - DAY,
      windowEnd: t,
      now: t,
      createdAt: facts.createdAt.getTime(),
      incidents: (r.incidents ?? []).map(([s, e]) => ({ startedAt: new Date(s).getTime(), resolvedAt: e ? new Date(e).getTime() : null })),
      paused: pausedSpans(facts, t),
    });
    out.set(r.id, { uptime24h: u.uptime, sparkline });
  }
  return out;
}
