import { and, eq } from "drizzle-orm";
import { verb } from "../../context";
import { statusPageIncidents } from "../../db/schema";
import { NotFoundError, parseOrThrow } from "../../errors";
import { invalidatePublicStatusPage } from "../cache";
import { getStatusPageRowOrThrow } from "../get-status-page";
import { withUpdates } from "./list-incidents";
import { assertLinkable, assertListed } from "./references";
import { EditIncidentInput } from "./schemas";
import type { StatusPageIncidentOut } from "./serialize";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Changes a posted incident's title, impact, affected services or linked automatic incidents. Not an update:
 * nothing is added to its timeline and no subscriber is emailed. Every id is checked before anything is written.
 */
export const editStatusPageIncident = verb("editor", async (ctx, statusPageId: string, incidentId: string, raw: unknown): Promise<StatusPageIncidentOut> => {
  const page = await getStatusPageRowOrThrow(ctx, statusPageId);
  if (!UUID.test(incidentId)) throw new NotFoundError("Incident");
  const input = parseOrThrow(EditIncidentInput, raw);
  const own = and(eq(statusPageIncidents.id, incidentId), eq(statusPageIncidents.statusPageId, page.id), eq(statusPageIncidents.workspaceId, ctx.workspaceId));
  const row = await ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(statusPageIncidents).where(own).for("update");
    if (!current) throw new NotFoundError("Incident");
    if (input.monitorIds) await assertListed(tx, page.id, input.monitorIds);
    if (input.linkedIncidentIds) await assertLinkable(tx, page, input.linkedIncidentIds);
    if (Object.keys(input).length === 0) return current;
    const [updated] = await tx.update(statusPageIncidents).set(input).where(own).returning();
    return updated;
  });
  await invalidatePublicStatusPage(page.slug);
  return (await withUpdates(ctx.db, [row]))[0];
});
