import { newestFirst } from "../db/order";
import { and, eq, gte, isNotNull } from "drizzle-orm";
import { verb } from "../context";
import { checkResults, heartbeatPings, incidents, monitors, type HeartbeatPing, type Incident, type Monitor } from "../db/schema";
import { isCheckedType } from "../monitors/kinds/registry";
import { getUptimeSummary, type UptimeSummary } from "../uptime/summary";
import { getLatencySeries, type ChartRange, type LatencySeries } from "./series";

export type CheckRow = {
  id: number;
  region: string;
  startedAt: Date;
  ok: boolean;
  statusCode: number | null;
  latencyMs: number | null;
  errorClass: string | null;
  error: string | null;
  /** What the kind kept with the result (a DNS check's answers). */
  detail: Record<string, unknown> | null;
};

export type MonitorView = {
  monitor: Monitor;
  series: LatencySeries;
  uptime: UptimeSummary;
  incidents: Incident[];
  recentChecks: CheckRow[];
  failedChecks: CheckRow[];
  tlsExpiresAt: Date | null;
  pings: HeartbeatPing[];
};

const checkColumns = {
  id: checkResults.id,
  region: checkResults.region,
  startedAt: checkResults.startedAt,
  ok: checkResults.ok,
  statusCode: checkResults.statusCode,
  latencyMs: checkResults.latencyMs,
  errorClass: checkResults.errorClass,
  error: checkResults.error,
  detail: checkResults.detail,
};

/**
 * The monitor page's data, scoped to the workspace (null = not found, also for another workspace's
 * monitor). Every query is bounded by the (monitor_id, started_at) index or the rollups' primary key,
 * so the cost does not grow with the monitor's history.
 */
export const getMonitorView = verb("viewer", async (ctx, monitorId: string, range: ChartRange, now: Date = new Date()): Promise<MonitorView | null> => {
  const { db } = ctx;
  const [monitor] = await db
    .select()
    .from(monitors)
    .where(and(eq(monitors.id, monitorId), eq(monitors.workspaceId, ctx.workspaceId)));
  if (!monitor) return null;
  const day = new Date(now.getTime() - 86_400_000);
  // Checked kinds (http, tcp, dns, …) share the charts and check lists; a heartbeat shows its pings.
  const isHttp = isCheckedType(monitor.type);
  const [series, uptime, incidentRows, recentChecks, failedChecks, tls, pings] = await Promise.all([
    isHttp ? getLatencySeries(db, monitor.id, range, now) : Promise.resolve({ regions: [], points: [], breakdown: [] }),
    getUptimeSummary(db, monitor, now),
    db.select().from(incidents).where(eq(incidents.monitorId, monitor.id)).orderBy(newestFirst(incidents.startedAt)).limit(20),
    isHttp
      ? db.select(checkColumns).from(checkResults).where(eq(checkResults.monitorId, monitor.id)).orderBy(newestFirst(checkResults.startedAt)).limit(10)
      : [],
    isHttp
      ? db
          .select(checkColumns)
          .from(checkResults)
          .where(and(eq(checkResults.monitorId, monitor.id), gte(checkResults.startedAt, day), eq(checkResults.ok, false)))
          .orderBy(newestFirst(checkResults.startedAt))
          .limit(20)
      : [],
    isHttp
      ? db
          .select({ at: checkResults.tlsExpiresAt })
          .from(checkResults)
          .where(and(eq(checkResults.monitorId, monitor.id), gte(checkResults.startedAt, day), isNotNull(checkResults.tlsExpiresAt)))
          .orderBy(newestFirst(checkResults.startedAt))
          .limit(1)
      : [],
    isHttp ? [] : db.select().from(heartbeatPings).where(eq(heartbeatPings.monitorId, monitor.id)).orderBy(newestFirst(heartbeatPings.receivedAt)).limit(50),
  ]);
  return { monitor, series, uptime, incidents: incidentRows, recentChecks, failedChecks, tlsExpiresAt: tls[0]?.at ?? null, pings };
});
