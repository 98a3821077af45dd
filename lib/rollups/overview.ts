import { sql } from "drizzle-orm";
import { verb } from "../context";
import { computeUptime } from "../uptime/compute";
import type { PauseRecord } from "../db/schema";
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
  created_at: string;
  pause_history: PauseRecord[];
  maintenance_history: PauseRecord[];
  spark: [string, number | null][] | null;
  incidents: [string, string | null][] | null;
};

/**
 * Uptime and sparkline for a page of monitors in ONE query (no N+1): each monitor's incidents that
 * overlap the last 24 h and its hourly rollups (≤ 24 per region, primary-key range) are gathered
 * by correlated subqueries, so the cost grows with the page size, not with the workspace or history.
 * The ids come from the workspace's list query; the workspace filter is a second lock on the same door.
 */
export const getOverviewStats = verb("viewer", async (ctx, monitorIds: string[], now: Date = new Date()): Promise<Map<string, OverviewStats>> => {
  const out = new Map<string, OverviewStats>();
  if (monitorIds.length === 0) return out;
  const t = now.getTime();
  const firstHour = Math.floor(t / HOUR) * HOUR - 23 * HOUR;
  const since = new Date(t - DAY).toISOString();
  const rows = (await ctx.db.execute(sql`
    select m.id, m.created_at, m.pause_history, m.maintenance_history,
      (select json_agg(json_build_array(h.bucket, h.avg) order by h.bucket) from (
         select bucket, (sum(latency_sum_ms)::float8 / nullif(sum(ok_checks), 0)) as avg
         from check_rollups_hourly
         where monitor_id = m.id and bucket >= ${new Date(firstHour).toISOString()}::timestamptz
         group by bucket) h) as spark,
      (select json_agg(json_build_array(i.started_at, i.resolved_at)) from incidents i
         where i.monitor_id = m.id and i.started_at < ${now.toISOString()}::timestamptz
           and (i.resolved_at is null or i.resolved_at > ${since}::timestamptz)) as incidents
    from monitors m
    where m.workspace_id = ${ctx.workspaceId}::uuid and m.id in (${sql.join(
      monitorIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`)) as unknown as Row[];
  for (const r of rows) {
    const sparkline: (number | null)[] = Array.from({ length: 24 }, () => null);
    for (const [bucket, avg] of r.spark ?? []) {
      const idx = Math.round((new Date(bucket).getTime() - firstHour) / HOUR);
      if (idx >= 0 && idx < 24 && avg !== null) sparkline[idx] = Math.round(avg);
    }
    const u = computeUptime({
      windowStart: t - DAY,
      windowEnd: t,
      now: t,
      createdAt: new Date(r.created_at).getTime(),
      incidents: (r.incidents ?? []).map(([s, e]) => ({ startedAt: new Date(s).getTime(), resolvedAt: e ? new Date(e).getTime() : null })),
      paused: pausedSpans({ pauseHistory: r.pause_history, maintenanceHistory: r.maintenance_history }, t),
    });
    out.set(r.id, { uptime24h: u.uptime, sparkline });
  }
  return out;
});
