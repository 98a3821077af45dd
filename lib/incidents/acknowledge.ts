import { and, eq, isNull } from "drizzle-orm";
import { verb } from "../context";
import { incidents, type Incident } from "../db/schema";
import { ConflictError, NotFoundError } from "../errors";
import { enqueueIncidentAlerts } from "./enqueue-alerts";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * "I'm on it": records who acknowledged the open incident and when, which stops its reminders, and
 * tells the channels (PagerDuty turns it into `acknowledge`). A conditional update (open and not yet
 * acknowledged) makes two concurrent acknowledgements one: the second gets the incident as it is.
 * Another workspace's incident is NotFound; a resolved, never-acknowledged one is a Conflict.
 */
export const acknowledgeIncident = verb("editor", async (ctx, incidentId: string): Promise<Incident> => {
  if (!UUID.test(incidentId)) throw new NotFoundError("Incident");
  const { label, id, kind } = ctx.actor;
  return ctx.db.transaction(async (tx) => {
    const [acked] = await tx
      .update(incidents)
      .set({ acknowledgedAt: new Date(), acknowledgedBy: { kind, id, label } })
      .where(and(eq(incidents.id, incidentId), eq(incidents.workspaceId, ctx.workspaceId), eq(incidents.status, "open"), isNull(incidents.acknowledgedAt)))
      .returning();
    if (acked) {
      await enqueueIncidentAlerts(tx, { workspaceId: acked.workspaceId, monitorId: acked.monitorId, incidentId: acked.id, event: "acknowledged" });
      return acked;
    }
    const [current] = await tx
      .select()
      .from(incidents)
      .where(and(eq(incidents.id, incidentId), eq(incidents.workspaceId, ctx.workspaceId)));
    if (!current) throw new NotFoundError("Incident");
    if (current.acknowledgedAt) return current;
    throw new ConflictError("This incident is already resolved");
  });
});
