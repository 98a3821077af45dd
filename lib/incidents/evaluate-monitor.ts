import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { incidents, monitorRegionState, type Monitor } from "../db/schema";
import { underMaintenance } from "../maintenance/occurrences";
import { decideIncident, type IncidentDecision } from "./evaluate";
import { openIncident } from "./open-incident";
import { resolveIncident } from "./resolve-incident";

/**
 * Applies the incident rule to a monitor after one of its checks was stored. Opening and resolving go
 * through openIncident / resolveIncident, whose unique index and conditional update keep exactly one
 * open incident per monitor however many workers evaluate at the same instant.
 */
export async function evaluateMonitor(
  db: Db,
  input: { monitor: Monitor; allRegions: string[]; now?: Date; openingCheckId?: number | null },
): Promise<{ decision: IncidentDecision; changed: boolean }> {
  const now = input.now ?? new Date();
  const m = input.monitor;
  const [states, open] = await Promise.all([
    db.select().from(monitorRegionState).where(eq(monitorRegionState.monitorId, m.id)),
    db
      .select({ id: incidents.id })
      .from(incidents)
      .where(and(eq(incidents.monitorId, m.id), eq(incidents.status, "open"))),
  ]);
  const decision = decideIncident({ monitor: m, states, hasOpenIncident: open.length > 0, allRegions: input.allRegions, now });
  // Under maintenance the monitor is still checked but opens nothing; known from the row the check path
  // already holds (monitors.maintenance_starts_at/ends_at, kept by lib/maintenance), so no query per check.
  if (decision.action === "open" && underMaintenance(m, now)) return { decision: { action: "none", reason: "under maintenance" }, changed: false };
  if (decision.action === "open") {
    const { created } = await openIncident(db, {
      workspaceId: m.workspaceId,
      monitorId: m.id,
      cause: decision.cause,
      regions: decision.regions,
      startedAt: now,
      statusCode: decision.statusCode,
      openingCheckId: input.openingCheckId ?? null,
    });
    return { decision, changed: created };
  }
  if (decision.action === "resolve") {
    const resolved = await resolveIncident(db, { monitorId: m.id, resolvedAt: now });
    return { decision, changed: resolved !== null };
  }
  return { decision, changed: false };
}
