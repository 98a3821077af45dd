import { and, asc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { monitors } from "../db/schema";
import { openIncident } from "../incidents/open-incident";
import { underMaintenance } from "../maintenance/occurrences";
import { announceMonitorStatusChange } from "../status-pages/change-feed";

/**
 * Marks heartbeat monitors whose deadline has passed as down. Reads only due rows through the partial
 * index monitors_deadline_idx (deadline_at where not null and not paused): the cost is the number of
 * monitors going late, not the number of monitors. FOR UPDATE SKIP LOCKED lets every worker run this
 * every second without a leader: a row is handled by exactly one sweeper, and a row that the ping
 * writer holds is skipped (its new ping moves the deadline anyway).
 */
export async function sweepHeartbeatDeadlines(db: Db, opts: { now?: Date; limit?: number } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const wentDown: string[] = [];
  const count = await db.transaction(async (tx) => {
    const due = await tx
      .select({
        id: monitors.id, workspaceId: monitors.workspaceId, status: monitors.status, deadlineAt: monitors.deadlineAt,
        runStartedAt: monitors.runStartedAt, lastPingAt: monitors.lastPingAt,
        maintenanceStartsAt: monitors.maintenanceStartsAt, maintenanceEndsAt: monitors.maintenanceEndsAt,
      })
      .from(monitors)
      .where(and(isNotNull(monitors.deadlineAt), sql`not ${monitors.paused}`, lte(monitors.deadlineAt, now)))
      .orderBy(asc(monitors.deadlineAt))
      .limit(opts.limit ?? 500)
      .for("update", { skipLocked: true });
    const fmt = (d: Date) => d.toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC");
    // A deadline missed under maintenance is looked at again when the maintenance ends (lib/maintenance).
    const deferred = due.filter((m) => m.status !== "down" && underMaintenance(m, now));
    for (const m of due) {
      if (m.status === "down" || deferred.includes(m)) continue;
      wentDown.push(m.id);
      const running = m.runStartedAt !== null;
      const cause = running
        ? `Run started at ${fmt(m.runStartedAt!)} did not finish within its grace time`
        : `No ping received since ${m.lastPingAt ? fmt(m.lastPingAt) : "creation"} (expected by ${fmt(m.deadlineAt!)})`;
      await openIncident(tx as unknown as Db, {
        workspaceId: m.workspaceId, monitorId: m.id, cause, regions: [], startedAt: m.deadlineAt!,
        errorClass: running ? "run-timeout" : "late",
        details: { heartbeat: running ? "run-timeout" : "late", lastPingAt: m.lastPingAt?.toISOString() ?? null },
      });
    }
    const settled = due.filter((m) => !deferred.includes(m));
    if (settled.length) await tx.update(monitors).set({ deadlineAt: null }).where(inArray(monitors.id, settled.map((m) => m.id)));
    for (const m of deferred) await tx.update(monitors).set({ deadlineAt: m.maintenanceEndsAt }).where(eq(monitors.id, m.id));
    return due.length;
  });
  // After the commit: status pages listing these monitors drop their copies (lib/status-pages/change-feed.ts).
  void announceMonitorStatusChange(wentDown);
  return count;
}
