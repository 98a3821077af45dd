import { and, desc, eq, gt, inArray, isNull, or } from "drizzle-orm";
import { verb } from "../../context";
import type { Db, Tx } from "../../db/client";
import { incidents, statusPageIncidents, statusPageMonitors } from "../../db/schema";
import { ValidationError } from "../../errors";
import { getStatusPageRowOrThrow } from "../get-status-page";

const DAY = 86_400_000;
const RECENT_DAYS = 14;

/** Affected services must be listed on this page: anything else is a field error, never a leak. */
export async function assertListed(tx: Tx | Db, pageId: string, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await tx
    .select({ id: statusPageMonitors.monitorId })
    .from(statusPageMonitors)
    .where(and(eq(statusPageMonitors.statusPageId, pageId), inArray(statusPageMonitors.monitorId, ids)));
  const ok = new Set(rows.map((r) => r.id));
  const fields: Record<string, string> = {};
  ids.forEach((id, i) => {
    if (!ok.has(id)) fields[`monitorIds.${i}`] = "Not a service on this page";
  });
  if (Object.keys(fields).length) throw new ValidationError("Some services aren't on this page", fields);
}

/**
 * Linked incidents must be automatic incidents of this workspace whose monitor is listed on the page. An
 * unknown id and another workspace's id get the same message, so the answer says nothing about the latter.
 */
export async function assertLinkable(tx: Tx | Db, page: { id: string; workspaceId: string }, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  const rows = await tx
    .select({ id: incidents.id })
    .from(incidents)
    .innerJoin(statusPageMonitors, and(eq(statusPageMonitors.monitorId, incidents.monitorId), eq(statusPageMonitors.statusPageId, page.id)))
    .where(and(eq(incidents.workspaceId, page.workspaceId), inArray(incidents.id, ids)));
  const ok = new Set(rows.map((r) => r.id));
  const fields: Record<string, string> = {};
  ids.forEach((id, i) => {
    if (!ok.has(id)) fields[`linkedIncidentIds.${i}`] = "Not an automatic incident of a service on this page";
  });
  if (Object.keys(fields).length) throw new ValidationError("Some linked incidents aren't incidents of this page's services", fields);
}

/** An automatic incident the editor offers to link to a posted one. */
export type LinkableIncident = { id: string; service: string; startedAt: string; resolvedAt: string | null };

/**
 * The page's automatic incidents a person may link: open ones and those started in the last 14 days, plus
 * any already linked to one of the page's posted incidents (so a save never drops a link it didn't show).
 */
export const listLinkableIncidents = verb("viewer", async (ctx, statusPageId: string): Promise<LinkableIncident[]> => {
  const page = await getStatusPageRowOrThrow(ctx, statusPageId);
  const linked = await ctx.db
    .select({ ids: statusPageIncidents.linkedIncidentIds })
    .from(statusPageIncidents)
    .where(and(eq(statusPageIncidents.statusPageId, page.id), eq(statusPageIncidents.workspaceId, ctx.workspaceId)));
  const already = [...new Set(linked.flatMap((r) => r.ids))];
  const since = new Date(Date.now() - RECENT_DAYS * DAY);
  const rows = await ctx.db
    .select({ id: incidents.id, service: statusPageMonitors.displayName, startedAt: incidents.startedAt, resolvedAt: incidents.resolvedAt })
    .from(incidents)
    .innerJoin(statusPageMonitors, and(eq(statusPageMonitors.monitorId, incidents.monitorId), eq(statusPageMonitors.statusPageId, page.id)))
    .where(
      and(
        eq(incidents.workspaceId, ctx.workspaceId),
        or(isNull(incidents.resolvedAt), gt(incidents.startedAt, since), already.length ? inArray(incidents.id, already) : undefined),
      ),
    )
    .orderBy(desc(incidents.startedAt))
    .limit(100);
  return rows.map((r) => ({ id: r.id, service: r.service, startedAt: r.startedAt.toISOString(), resolvedAt: r.resolvedAt?.toISOString() ?? null }));
});
