import { newestFirst } from "../db/order";
import { and, asc, eq, gte, lte } from "drizzle-orm";
import { verb } from "../context";
import { alertChannels, alertOutbox, checkResults, incidents, monitors, type CheckResult, type Incident } from "../db/schema";
import { findScreenshotBetween } from "../results/screenshots";

const MIN = 60_000;

export type IncidentAlert = {
  id: string;
  event: string;
  status: string;
  attempts: number;
  target: string;
  createdAt: Date;
  sentAt: Date | null;
  lastError: string | null;
};
export type IncidentDetail = {
  incident: Incident;
  monitor: { id: string; name: string; url: string | null; type: string };
  openingCheck: CheckResult | null;
  /** Checks from 10 min before the start to 20 min after it: the failures that opened the incident. */
  onset: CheckResult[];
  /** Checks from 10 min before recovery to 5 min after it (empty while open). */
  recovery: CheckResult[];
  alerts: IncidentAlert[];
  /** A browser check's screenshot of the failing page, taken during the incident (JPEG data URL). */
  screenshot: { takenAt: Date; region: string; error: string | null; dataUrl: string } | null;
};

/** One incident of this workspace with its timeline; null for an unknown id or another workspace's. */
export const getIncidentDetail = verb("viewer", async (ctx, id: string): Promise<IncidentDetail | null> => {
  const { db, workspaceId } = ctx;
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) return null;
  const [row] = await db
    .select({ incident: incidents, monitor: { id: monitors.id, name: monitors.name, url: monitors.url, type: monitors.type } })
    .from(incidents)
    .innerJoin(monitors, eq(monitors.id, incidents.monitorId))
    .where(and(eq(incidents.id, id), eq(incidents.workspaceId, workspaceId)));
  if (!row) return null;
  const { incident, monitor } = row;
  const around = (from: number, to: number) =>
    db
      .select()
      .from(checkResults)
      .where(and(eq(checkResults.monitorId, monitor.id), gte(checkResults.startedAt, new Date(from)), lte(checkResults.startedAt, new Date(to))))
      .orderBy(asc(checkResults.startedAt))
      .limit(240);
  const start = incident.startedAt.getTime();
  const [opening, onset, recovery, alerts, shot] = await Promise.all([
    incident.openingCheckId
      ? db
          .select()
          .from(checkResults)
          .where(and(eq(checkResults.id, incident.openingCheckId), eq(checkResults.monitorId, monitor.id)))
      : db
          .select()
          .from(checkResults)
          .where(
            and(
              eq(checkResults.monitorId, monitor.id),
              eq(checkResults.ok, false),
              gte(checkResults.startedAt, new Date(start - 10 * MIN)),
              lte(checkResults.startedAt, new Date(start + MIN)),
            ),
          )
          .orderBy(newestFirst(checkResults.startedAt))
          .limit(1),
    around(start - 10 * MIN, start + 20 * MIN),
    incident.resolvedAt ? around(incident.resolvedAt.getTime() - 10 * MIN, incident.resolvedAt.getTime() + 5 * MIN) : Promise.resolve([]),
    db
      .select({
        id: alertOutbox.id,
        event: alertOutbox.event,
        status: alertOutbox.status,
        attempts: alertOutbox.attempts,
        target: alertChannels.target,
        createdAt: alertOutbox.createdAt,
        sentAt: alertOutbox.sentAt,
        lastError: alertOutbox.lastError,
      })
      .from(alertOutbox)
      .innerJoin(alertChannels, eq(alertChannels.id, alertOutbox.channelId))
      .where(and(eq(alertOutbox.incidentId, incident.id), eq(alertOutbox.workspaceId, workspaceId)))
      .orderBy(asc(alertOutbox.createdAt)),
    monitor.type === "browser" ? findScreenshotBetween(db, monitor.id, new Date(start - 10 * MIN), incident.resolvedAt ?? new Date()) : Promise.resolve(null),
  ]);
  const screenshot = shot
    ? { takenAt: shot.takenAt, region: shot.region, error: shot.error, dataUrl: `data:image/jpeg;base64,${shot.image.toString("base64")}` }
    : null;
  return { incident, monitor, openingCheck: opening[0] ?? null, onset, recovery, alerts, screenshot };
});
