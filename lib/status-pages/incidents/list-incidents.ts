import { and, desc, eq, inArray } from "drizzle-orm";
import { verb } from "../../context";
import type { Db } from "../../db/client";
import { statusPageIncidents, statusPageIncidentUpdates, type StatusPageIncident } from "../../db/schema";
import { getStatusPageRowOrThrow } from "../get-status-page";
import { serializeStatusPageIncident, type StatusPageIncidentOut } from "./serialize";

/** Incidents with their updates: two queries for any number of incidents. */
export async function withUpdates(db: Db, rows: StatusPageIncident[]): Promise<StatusPageIncidentOut[]> {
  if (rows.length === 0) return [];
  const updates = await db
    .select()
    .from(statusPageIncidentUpdates)
    .where(
      inArray(
        statusPageIncidentUpdates.incidentId,
        rows.map((r) => r.id),
      ),
    );
  return rows.map((r) =>
    serializeStatusPageIncident(
      r,
      updates.filter((u) => u.incidentId === r.id),
    ),
  );
}

/** A page's posted incidents, newest first (the page must be this workspace's, else 404). */
export const listStatusPageIncidents = verb("viewer", async (ctx, statusPageId: string, opts: { limit?: number } = {}): Promise<StatusPageIncidentOut[]> => {
  const page = await getStatusPageRowOrThrow(ctx, statusPageId);
  const rows = await ctx.db
    .select()
    .from(statusPageIncidents)
    .where(and(eq(statusPageIncidents.statusPageId, page.id), eq(statusPageIncidents.workspaceId, ctx.workspaceId)))
    .orderBy(desc(statusPageIncidents.createdAt))
    .limit(Math.min(opts.limit ?? 100, 500));
  return withUpdates(ctx.db, rows);
});
