import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { incidents, monitors, type Incident } from "../db/schema";
import { PgTransaction } from "drizzle-orm/pg-core";
import { announceMonitorStatusChange } from "../status-pages/change-feed";
import { enqueueIncidentAlerts } from "./enqueue-alerts";

export type OpenIncidentInput = {
  workspaceId: string;
  monitorId: string;
  cause: string;
  regions: string[];
  startedAt?: Date;
  statusCode?: number | null;
  errorClass?: string | null;
  openingCheckId?: number | null;
  details?: Record<string, unknown>;
};

/**
 * Opens the monitor's incident unless one is open already. The partial unique index
 * (one open incident per monitor) decides races: the loser inserts nothing and gets `created: false`.
 * Monitor status and alert outbox rows change in the same transaction.
 */
export async function openIncident(db: Db, input: OpenIncidentInput): Promise<{ incident: Incident | null; created: boolean }> {
  const result = await db.transaction(async (tx) => {
    const startedAt = input.startedAt ?? new Date();
    const [incident] = await tx
      .insert(incidents)
      .values({
        workspaceId: input.workspaceId,
        monitorId: input.monitorId,
        cause: input.cause,
        regions: input.regions,
        startedAt,
        statusCode: input.statusCode ?? null,
        errorClass: input.errorClass ?? null,
        openingCheckId: input.openingCheckId ?? null,
        details: input.details ?? {},
      })
      .onConflictDoNothing()
      .returning();
    if (!incident) {
      const [open] = await tx
        .select()
        .from(incidents)
        .where(and(eq(incidents.monitorId, input.monitorId), eq(incidents.status, "open")));
      return { incident: open ?? null, created: false };
    }
    await tx.update(monitors).set({ status: "down", statusChangedAt: startedAt }).where(eq(monitors.id, input.monitorId));
    await enqueueIncidentAlerts(tx, { workspaceId: input.workspaceId, monitorId: input.monitorId, incidentId: incident.id, event: "opened" });
    return { incident, created: true };
  });
  // Status pages listing the monitor drop their copies. Inside a caller's transaction (a savepoint here) the
  // change isn't committed yet: that caller announces it after its commit (announceMonitorStatusChange).
  if (result.created && !(db instanceof PgTransaction)) void announceMonitorStatusChange([input.monitorId]);
  return result;
}
