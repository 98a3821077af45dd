import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { computeUptime, WINDOWS, WINDOW_NAMES, type UptimeWindow } from "./compute";
import { dailyBars, type DayBar } from "./daily";
import { loadIncidentSpans, type UptimeMonitorFacts } from "./load";
import { pausedSpans } from "./paused";
import type { UptimeResult } from "./get-uptime";

const DAY = 86_400_000;

export type UptimeSummary = { windows: Record<UptimeWindow, UptimeResult>; bars: DayBar[] };

/**
 * Everything the monitor page shows about uptime in three small queries: incidents of the last
 * 90 days, check counts from hourly rollups (24 h, 7 d) and daily rollups (30 d, 90 d and the bars).
 */
export async function getUptimeSummary(db: Db, m: UptimeMonitorFacts, now = new Date()): Promise<UptimeSummary> {
  const t = now.getTime();
  const since90 = new Date(t - WINDOWS["90d"]);
  const [spans, hourly, daily] = await Promise.all([
    loadIncidentSpans(db, [m.id], since90, now),
    db.execute(sql`
      select coalesce(sum(checks) filter (where bucket >= date_trunc('hour', ${new Date(t - WINDOWS["24h"]).toISOString()}::timestamptz, 'UTC')), 0)::int as d1,
        coalesce(sum(checks), 0)::int as d7
      from check_rollups_hourly where monitor_id = ${m.id} and bucket >= date_trunc('hour', ${new Date(t - WINDOWS["7d"]).toISOString()}::timestamptz, 'UTC')`),
    db.execute(sql`
      select bucket, sum(checks)::int as checks, sum(ok_checks)::int as ok from check_rollups_daily
      where monitor_id = ${m.id} and bucket >= date_trunc('day', ${since90.toISOString()}::timestamptz, 'UTC') group by 1`),
  ]);
  const incidents = spans.get(m.id) ?? [];
  const paused = pausedSpans(m, t);
  const perDay = new Map<number, { checks: number; okChecks: number }>();
  for (const r of daily as unknown as { bucket: Date | string; checks: number; ok: number }[]) {
    perDay.set(new Date(r.bucket).getTime(), { checks: Number(r.checks), okChecks: Number(r.ok) });
  }
  const h = (hourly as unknown as { d1: number; d7: number }[])[0];
  const since30Day = Math.floor((t - WINDOWS["30d"]) / DAY) * DAY;
  const since90Day = Math.floor(since90.getTime() / DAY) * DAY;
  const sumDays = (from: number) => [...perDay.entries()].reduce((n, [d, v]) => (d >= from ? n + v.checks : n), 0);
  const checks: Record<UptimeWindow, number> = { "24h": Number(h.d1), "7d": Number(h.d7), "30d": sumDays(since30Day), "90d": sumDays(since90Day) };
  const windows = Object.fromEntries(
    WINDOW_NAMES.map((w) => {
      const u = computeUptime({ windowStart: t - WINDOWS[w], windowEnd: t, now: t, createdAt: m.createdAt.getTime(), incidents, paused });
      return [w, { uptime: u.uptime, checks: checks[w], downtimeSeconds: Math.round(u.downtimeMs / 1000) }];
    }),
  ) as Record<UptimeWindow, UptimeResult>;
  const bars = dailyBars({ now: t, days: 90, createdAt: m.createdAt.getTime(), incidents, paused, rollups: perDay });
  return { windows, bars };
}
