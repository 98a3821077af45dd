import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { incidents, monitors, type Incident } from "../db/schema";
import { PgTransaction } from "drizzle-orm/pg-core";
import { announceMonitorStatusChange } from "../status-pages/change-feed";
import { enqueueIncidentAlerts } from "./enqueue-alerts";

/**
 * Resolves the monitor's open incident with a conditional update (`WHERE status = 'open'`):
 * of two concurrent resolvers exactly one gets the row back, so "recovered" is alerted once.
 */
export async function resolveIncident(db: Db, input: { monitorId: string; resolvedAt?: Date }): Promise<Incident | null> {
  const resolved = await db.transaction(async (tx) => {
    const resolvedAt = input.resolvedAt ?? new Date();
    const [incident] = await tx
      .update(incidents)
      .set({ status: "resolved", resolvedAt })
      .where(and(eq(incidents.monitorId, input.monitorId), eq(incidents.status, "open")))
      .returning();
    if (!incident) return null;
    await tx.update(monitors).set({ status: "up", statusChangedAt: resolvedAt }).where(eq(monitors.id, input.monitorId));
    await enqueueIncidentAlerts(tx, { workspaceId: incident.workspaceId, monitorId: incident.monitorId, incidentId: incident.id, event: "resolved" });
    return incident;
  });
  // As in openIncident: a caller's transaction announces after its own commit.
  if (resolved && !(db instanceof PgTransaction)) void announceMonitorStatusChange([input.monitorId]);
  return resolved;
}
