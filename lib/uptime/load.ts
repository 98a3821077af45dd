import { and, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Ctx } from "../context";
import type { Db } from "../db/client";
import { incidents, monitors } from "../db/schema";
import type { IncidentSpan } from "./compute";
import type { PauseFacts } from "./paused";

export type UptimeMonitorFacts = PauseFacts & { id: string; createdAt: Date };

export const uptimeFactColumns = {
  id: monitors.id,
  createdAt: monitors.createdAt,
  pauseHistory: monitors.pauseHistory,
  maintenanceHistory: monitors.maintenanceHistory,
};

/** Incidents of these monitors that overlap [since, now]: one indexed query for any number of monitors. */
export async function loadIncidentSpans(db: Db, monitorIds: string[], since: Date, now: Date): Promise<Map<string, IncidentSpan[]>> {
  const out = new Map<string, IncidentSpan[]>(monitorIds.map((id) => [id, []]));
  if (monitorIds.length === 0) return out;
  const rows = await db
    .select({ monitorId: incidents.monitorId, startedAt: incidents.startedAt, resolvedAt: incidents.resolvedAt })
    .from(incidents)
    .where(and(inArray(incidents.monitorId, monitorIds), lt(incidents.startedAt, now), or(isNull(incidents.resolvedAt), gt(incidents.resolvedAt, since))));
  for (const r of rows) out.get(r.monitorId)?.push({ startedAt: r.startedAt.getTime(), resolvedAt: r.resolvedAt?.getTime() ?? null });
  return out;
}

/**
 * Checks run in [since, now] per monitor, from rollups: hourly buckets for windows up to 7 days,
 * daily buckets beyond. Buckets that started before `since` but overlap it are counted whole.
 */
export async function countChecks(db: Db, monitorIds: string[], since: Date, granularity: "hour" | "day"): Promise<Map<string, number>> {
  const out = new Map<string, number>(monitorIds.map((id) => [id, 0]));
  if (monitorIds.length === 0) return out;
  const table = granularity === "hour" ? sql`check_rollups_hourly` : sql`check_rollups_daily`;
  const real = (await db.execute(sql`
    select monitor_id, sum(checks)::int as checks from ${table}
    where monitor_id in (${sql.join(
      monitorIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})
      and bucket >= date_trunc(${granularity}, ${since.toISOString()}::timestamptz, 'UTC')
    group by 1`)) as unknown as { monitor_id: string; checks: number }[];
  for (const r of real) out.set(r.monitor_id, Number(r.checks));
  return out;
}

/** The workspace's monitor's uptime facts (null for another workspace's); a helper of the uptime verbs. */
export async function loadMonitorFacts(ctx: Ctx, monitorId: string): Promise<UptimeMonitorFacts | null> {
  const [m] = await ctx.db
    .select(uptimeFactColumns)
    .from(monitors)
    .where(and(eq(monitors.id, monitorId), eq(monitors.workspaceId, ctx.workspaceId)));
  return m ?? null;
}
