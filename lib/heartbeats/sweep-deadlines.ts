import { and, asc, eq, inArray, isNotNull, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { monitors } from "../db/schema";
import { openIncident } from "../incidents/open-incident";
import { underMaintenance } from "../maintenance/occurrences";
import { announceMonitorStatusChange } from "../status-pages/change-feed";
import { deadlineAfterPing } from "./schedule";

/**
 * Marks heartbeat monitors whose deadline has passed as down. Reads only due rows through the partial
 * index monitors_deadline_idx (deadline_at where not null and not paused): the cost is the number of
 * monitors going late, not the number of monitors. FOR UPDATE SKIP LOCKED lets every worker run this
 * every second without a leader: a row is handled by exactly one sweeper, and a row that the ping
 * writer holds is skipped (its new ping moves the deadline anyway). With failureThreshold N, the first
 * N−1 misses in a row are only counted (monitors.consecutive_failures, reset by a success) and the next
 * run's deadline is armed; the Nth opens the incident.
 */
export async function sweepHeartbeatDeadlines(db: Db, opts: { now?: Date; limit?: number } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const wentDown: string[] = [];
  const count = await db.transaction(async (tx) => {
    const due = await tx
      .select({
        id: monitors.id,
        workspaceId: monitors.workspaceId,
        status: monitors.status,
        deadlineAt: monitors.deadlineAt,
        runStartedAt: monitors.runStartedAt,
        lastPingAt: monitors.lastPingAt,
        maintenanceStartsAt: monitors.maintenanceStartsAt,
        maintenanceEndsAt: monitors.maintenanceEndsAt,
        periodSeconds: monitors.periodSeconds,
        graceSeconds: monitors.graceSeconds,
        cron: monitors.cron,
        timezone: monitors.timezone,
        failureThreshold: monitors.failureThreshold,
        consecutiveFailures: monitors.consecutiveFailures,
      })
      .from(monitors)
      .where(and(isNotNull(monitors.deadlineAt), sql`not ${monitors.paused}`, lte(monitors.deadlineAt, now)))
      .orderBy(asc(monitors.deadlineAt))
      .limit(opts.limit ?? 500)
      .for("update", { skipLocked: true });
    const fmt = (d: Date) =>
      d
        .toISOString()
        .replace("T", " ")
        .replace(/\.\d+Z$/, " UTC");
    // A deadline missed under maintenance is looked at again when the maintenance ends (lib/maintenance).
    const deferred = due.filter((m) => m.status !== "down" && underMaintenance(m, now));
    // A miss below the monitor's failureThreshold is counted and the next run's deadline armed instead.
    const counted: { id: string; misses: number; deadlineAt: Date }[] = [];
    for (const m of due) {
      if (m.status === "down" || deferred.includes(m)) continue;
      const running = m.runStartedAt !== null;
      const misses = m.consecutiveFailures + 1;
      if (misses < m.failureThreshold) {
        // The missed run's expected time is its deadline less grace (a hung run: its deadline); the next one follows it.
        const expected = running ? m.deadlineAt! : new Date(m.deadlineAt!.getTime() - (m.graceSeconds ?? 0) * 1000);
        counted.push({ id: m.id, misses, deadlineAt: deadlineAfterPing(m, expected) });
        continue;
      }
      wentDown.push(m.id);
      const cause = running
        ? `Run started at ${fmt(m.runStartedAt!)} did not finish within its grace time`
        : `No ping received since ${m.lastPingAt ? fmt(m.lastPingAt) : "creation"} (expected by ${fmt(m.deadlineAt!)})`;
      await openIncident(tx as unknown as Db, {
        workspaceId: m.workspaceId,
        monitorId: m.id,
        cause,
        regions: [],
        startedAt: m.deadlineAt!,
        errorClass: running ? "run-timeout" : "late",
        details: { heartbeat: running ? "run-timeout" : "late", lastPingAt: m.lastPingAt?.toISOString() ?? null },
      });
    }
    const settled = due.filter((m) => !deferred.includes(m) && !counted.some((c) => c.id === m.id));
    if (settled.length)
      await tx
        .update(monitors)
        .set({ deadlineAt: null })
        .where(
          inArray(
            monitors.id,
            settled.map((m) => m.id),
          ),
        );
    if (wentDown.length)
      await tx
        .update(monitors)
        .set({ consecutiveFailures: sql`${monitors.consecutiveFailures} + 1` })
        .where(inArray(monitors.id, wentDown));
    for (const c of counted)
      await tx.update(monitors).set({ deadlineAt: c.deadlineAt, runStartedAt: null, consecutiveFailures: c.misses }).where(eq(monitors.id, c.id));
    for (const m of deferred) await tx.update(monitors).set({ deadlineAt: m.maintenanceEndsAt }).where(eq(monitors.id, m.id));
    return due.length;
  });
  // After the commit: status pages listing these monitors drop their copies (lib/status-pages/change-feed.ts).
  void announceMonitorStatusChange(wentDown);
  return count;
}
