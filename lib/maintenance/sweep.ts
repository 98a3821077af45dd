import { and, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { maintenanceOccurrences, maintenanceWindows, monitors, type MaintenanceWindow } from "../db/schema";
import { enqueueMonitorAlerts } from "../incidents/enqueue-alerts";
import { notifyMonitorChange } from "../monitors/notify";
import { announceMonitorStatusChange } from "../status-pages/change-feed";
import { notifyMaintenanceSubscribers } from "./email";
import { currentOccurrence } from "./occurrences";
import { recordMaintenance, refreshMonitorMaintenance } from "./refresh-monitors";
import { MAX_DURATION_MINUTES } from "./schemas";

/**
 * Run by every worker every few seconds. Starts: an occurrence running now gets its row in
 * maintenance_occurrences (ON CONFLICT DO NOTHING: the one sweep that inserts it notifies). Ends: the
 * conditional update that sets ended_at claims the end. Either way the monitors' current-or-next span is
 * recomputed, which moves a recurring window on to its next occurrence. Notices go to the alert channels
 * (maintenance.started/ended, one outbox row per channel and monitor) and to the subscribers of the pages
 * listing the monitors, in the transaction of the claim.
 */
export async function sweepMaintenance(db: Db, now = new Date()): Promise<{ started: number; ended: number }> {
  let started = 0;
  let ended = 0;
  const touched = new Set<string>();
  // Monitors that went in or out of maintenance by a claim here: their shown status changed.
  const flipped = new Set<string>();
  const candidates = await db
    .select()
    .from(maintenanceWindows)
    .where(
      and(
        lte(maintenanceWindows.startsAt, now),
        sql`${maintenanceWindows.endsAt} > ${new Date(now.getTime() - MAX_DURATION_MINUTES * 60_000).toISOString()}::timestamptz`,
      ),
    );
  for (const w of candidates) {
    const occ = currentOccurrence(w, now);
    if (!occ) continue;
    const claimed = await db.transaction(async (tx) => {
      const [row] = await tx
        .insert(maintenanceOccurrences)
        .values({ windowId: w.id, startsAt: occ.start, endsAt: occ.end, startedAt: now })
        .onConflictDoNothing()
        .returning();
      if (!row) return false;
      const ids = await liveMonitorIds(tx as unknown as Db, w);
      await recordMaintenance(tx, ids, occ.start, occ.end);
      await notify(tx as unknown as Db, w, ids, "started", occ.start);
      return true;
    });
    if (claimed) {
      started++;
      w.monitorIds.forEach((id) => (touched.add(id), flipped.add(id)));
    }
  }
  // Begun and not ended: ended when its time is up, or when the window was edited so that it no longer runs.
  const open = await db
    .select({
      windowId: maintenanceOccurrences.windowId,
      startsAt: maintenanceOccurrences.startsAt,
      endsAt: maintenanceOccurrences.endsAt,
      window: maintenanceWindows,
    })
    .from(maintenanceOccurrences)
    .innerJoin(maintenanceWindows, eq(maintenanceWindows.id, maintenanceOccurrences.windowId))
    .where(isNull(maintenanceOccurrences.endedAt))
    .limit(1000);
  const due = open.filter((o) => o.endsAt <= now || currentOccurrence(o.window, now)?.start.getTime() !== o.startsAt.getTime());
  for (const d of due) {
    const ids = await db.transaction(async (tx) => {
      const [row] = await tx
        .update(maintenanceOccurrences)
        .set({ endedAt: now })
        .where(and(eq(maintenanceOccurrences.windowId, d.windowId), eq(maintenanceOccurrences.startsAt, d.startsAt), isNull(maintenanceOccurrences.endedAt)))
        .returning();
      if (!row) return null;
      const [w] = await tx.select().from(maintenanceWindows).where(eq(maintenanceWindows.id, d.windowId));
      if (!w) return null;
      const ids = await liveMonitorIds(tx as unknown as Db, w);
      await notify(tx as unknown as Db, w, ids, "ended", d.startsAt);
      return ids;
    });
    if (ids) {
      ended++;
      ids.forEach((id) => (touched.add(id), flipped.add(id)));
    }
  }
  // Monitors whose span has run out (a one-off that ended, a recurrence moving on) get their next span.
  // (Edits and deletions refresh their monitors at once; this only catches recurrences moving on.) Looked up
  // by primary key among the recent windows' monitors, so the sweep never scans the monitors table.
  const recent = [...new Set(candidates.flatMap((w) => w.monitorIds))];
  if (recent.length) {
    const stale = await db
      .select({ id: monitors.id })
      .from(monitors)
      .where(and(inArray(monitors.id, recent), lte(monitors.maintenanceEndsAt, now)));
    stale.forEach((m) => touched.add(m.id));
  }
  const changed = await refreshMonitorMaintenance(db, [...touched], now);
  await Promise.all(changed.map((id) => notifyMonitorChange(id, "updated")));
  await announceMonitorStatusChange(new Set([...changed, ...flipped]));
  return { started, ended };
}

async function liveMonitorIds(db: Db, w: MaintenanceWindow): Promise<string[]> {
  if (w.monitorIds.length === 0) return [];
  const rows = await db
    .select({ id: monitors.id })
    .from(monitors)
    .where(
      and(
        eq(monitors.workspaceId, w.workspaceId),
        sql`${monitors.id} = any(array[${sql.join(
          w.monitorIds.map((id) => sql`${id}`),
          sql`, `,
        )}]::uuid[])`,
      ),
    );
  return rows.map((r) => r.id);
}

async function notify(db: Db, w: MaintenanceWindow, monitorIds: string[], phase: "started" | "ended", occurrenceStart: Date): Promise<void> {
  const event = phase === "started" ? "maintenance_started" : "maintenance_ended";
  const at = occurrenceStart.toISOString();
  for (const monitorId of monitorIds) {
    await enqueueMonitorAlerts(db, {
      workspaceId: w.workspaceId,
      monitorId,
      event,
      payload: { title: w.title, windowId: w.id, occurrenceStartsAt: at },
      key: (channelId) => `maint:${w.id}:${at}:${phase}:${monitorId}:${channelId}`,
    });
  }
  await notifyMaintenanceSubscribers(db, w, monitorIds, phase, `${w.id}:${at}`);
}
