import { and, desc, eq, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { verb } from "../context";
import { INCIDENT_STATUSES, incidents, monitors, type Incident } from "../db/schema";
import { parseOrThrow } from "../errors";
import { getMonitorOrThrow } from "../monitors/get-monitor";

export const ListIncidentsQuery = z
  .object({
    monitorId: z.string().optional(),
    status: z.enum(INCIDENT_STATUSES).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();
export type ListIncidentsQuery = z.infer<typeof ListIncidentsQuery>;

export type IncidentRow = Incident & { monitorName: string };

/**
 * The workspace's incidents: open first, then newest first. A monitorId of another workspace (or a
 * malformed one) is NotFound, never an empty list that would confirm it exists.
 */
export const listIncidents = verb("viewer", async (ctx, input: unknown): Promise<IncidentRow[]> => {
  const q = parseOrThrow(ListIncidentsQuery, input);
  const where: SQL[] = [eq(incidents.workspaceId, ctx.workspaceId)];
  if (q.monitorId !== undefined) {
    await getMonitorOrThrow(ctx, q.monitorId);
    where.push(eq(incidents.monitorId, q.monitorId));
  }
  if (q.status) where.push(eq(incidents.status, q.status));
  const rows = await ctx.db
    .select({ incident: incidents, monitorName: monitors.name })
    .from(incidents)
    .innerJoin(monitors, eq(monitors.id, incidents.monitorId))
    .where(and(...where))
    .orderBy(sql`(${incidents.status} = 'open') desc`, desc(incidents.startedAt))
    .limit(q.limit);
  return rows.map((r) => ({ ...r.incident, monitorName: r.monitorName }));
});

/** The API's Incident (CONTRACT.md). */
export function toApiIncident(i: Incident) {
  return {
    id: i.id,
    monitorId: i.monitorId,
    status: i.status,
    startedAt: i.startedAt.toISOString(),
    resolvedAt: i.resolvedAt ? i.resolvedAt.toISOString() : null,
    cause: i.cause,
    regions: i.regions,
    acknowledgedAt: i.acknowledgedAt ? i.acknowledgedAt.toISOString() : null,
    acknowledgedBy: i.acknowledgedBy ? { type: i.acknowledgedBy.kind, id: i.acknowledgedBy.id, label: i.acknowledgedBy.label } : null,
  };
}
