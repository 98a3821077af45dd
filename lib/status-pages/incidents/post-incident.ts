import { and, eq } from "drizzle-orm";
import { verb, type Ctx } from "../../context";
import type { Tx } from "../../db/client";
import { statusPageIncidents, statusPageIncidentUpdates, type StatusPage, type StatusPageIncident } from "../../db/schema";
import { NotFoundError, parseOrThrow } from "../../errors";
import { invalidatePublicStatusPage } from "../cache";
import { getStatusPageRowOrThrow } from "../get-status-page";
import { enqueueSubscriberEmails } from "../subscribers/enqueue";
import { withUpdates } from "./list-incidents";
import { markdownLiteToText, renderMarkdownLite } from "./markdown-lite";
import { assertLinkable, assertListed } from "./references";
import { IncidentUpdateInput, PostIncidentInput } from "./schemas";
import type { StatusPageIncidentOut } from "./serialize";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LABEL = { investigating: "Investigating", identified: "Identified", monitoring: "Monitoring", resolved: "Resolved" } as const;

function email(page: StatusPage, incident: StatusPageIncident, status: keyof typeof LABEL, message: string, first: boolean) {
  return {
    subject: `[${page.title}] ${first ? "" : `${LABEL[status]}: `}${incident.title}`,
    text: `${LABEL[status]} — ${incident.title}\n\n${markdownLiteToText(message)}`,
    html: `<p><strong>${LABEL[status]}</strong></p>${renderMarkdownLite(message)}`,
  };
}

/**
 * Adds one update to the incident's timeline, in the caller's transaction, and queues its email to the
 * page's subscribers (keyed by the update, so it goes out once): the first update posts the incident.
 */
async function addUpdate(
  tx: Tx,
  page: StatusPage,
  incident: StatusPageIncident,
  input: { status: keyof typeof LABEL; message: string },
  at: Date,
  first: boolean,
) {
  const [update] = await tx
    .insert(statusPageIncidentUpdates)
    .values({ incidentId: incident.id, status: input.status, message: input.message, createdAt: at })
    .returning();
  await enqueueSubscriberEmails(tx, {
    statusPageIds: [page.id],
    kind: first ? "incident_posted" : "incident_updated",
    thingKey: update.id,
    email: email(page, incident, input.status, input.message, first),
  });
}

export const postStatusPageIncident = verb("editor", async (ctx, statusPageId: string, raw: unknown): Promise<StatusPageIncidentOut> => {
  const page = await getStatusPageRowOrThrow(ctx, statusPageId);
  const input = parseOrThrow(PostIncidentInput, raw);
  const row = await ctx.db.transaction(async (tx) => {
    await assertListed(tx, page.id, input.monitorIds);
    await assertLinkable(tx, page, input.linkedIncidentIds);
    const now = new Date();
    const [incident] = await tx
      .insert(statusPageIncidents)
      .values({
        statusPageId: page.id,
        workspaceId: ctx.workspaceId,
        title: input.title,
        impact: input.impact,
        status: input.status,
        monitorIds: input.monitorIds,
        linkedIncidentIds: input.linkedIncidentIds,
        createdAt: now,
        resolvedAt: input.status === "resolved" ? now : null,
      })
      .returning();
    await addUpdate(tx, page, incident, input, now, true);
    return incident;
  });
  await invalidatePublicStatusPage(page.slug);
  return (await withUpdates(ctx.db, [row]))[0];
});

/** A new update; its status becomes the incident's, "resolved" sets resolvedAt (and a later update reopens). */
export const addStatusPageIncidentUpdate = verb(
  "editor",
  async (ctx: Ctx, statusPageId: string, incidentId: string, raw: unknown): Promise<StatusPageIncidentOut> => {
    const page = await getStatusPageRowOrThrow(ctx, statusPageId);
    if (!UUID.test(incidentId)) throw new NotFoundError("Incident");
    const input = parseOrThrow(IncidentUpdateInput, raw);
    const row = await ctx.db.transaction(async (tx) => {
      const now = new Date();
      const [incident] = await tx
        .update(statusPageIncidents)
        .set({ status: input.status, resolvedAt: input.status === "resolved" ? now : null })
        .where(and(eq(statusPageIncidents.id, incidentId), eq(statusPageIncidents.statusPageId, page.id), eq(statusPageIncidents.workspaceId, ctx.workspaceId)))
        .returning();
      if (!incident) throw new NotFoundError("Incident");
      await addUpdate(tx, page, incident, input, now, false);
      return incident;
    });
    await invalidatePublicStatusPage(page.slug);
    return (await withUpdates(ctx.db, [row]))[0];
  },
);
