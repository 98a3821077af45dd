import { inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { maintenanceWindows, monitors, type PauseRecord } from "../db/schema";
import { maintenanceSpan } from "./occurrences";
import { MAX_DURATION_MINUTES } from "./schemas";

const HISTORY_MS = 100 * 86_400_000;

/**
 * Recomputes monitors.maintenance_starts_at/ends_at (the current or next span) for these monitors from
 * every window listing them, and trims their maintenance history to what the windows still say: after a
 * window is deleted or cut short, the part from now on is no longer maintenance. Returns the monitors
 * whose "under maintenance now" changed. Called by the window verbs (in their transaction) and the sweep.
 */
export async function refreshMonitorMaintenance(tx: Tx | Db, monitorIds: string[], now = new Date()): Promise<string[]> {
  if (monitorIds.length === 0) return [];
  const ids = [...new Set(monitorIds)];
  const windows = await tx
    .select({
      startsAt: maintenanceWindows.startsAt,
      endsAt: maintenanceWindows.endsAt,
      recurrence: maintenanceWindows.recurrence,
      monitorIds: maintenanceWindows.monitorIds,
    })
    .from(maintenanceWindows)
    .where(
      sql`${maintenanceWindows.monitorIds} && array[${sql.join(
        ids.map((id) => sql`${id}`),
        sql`, `,
      )}]::uuid[] and ${maintenanceWindows.endsAt} > ${new Date(now.getTime() - MAX_DURATION_MINUTES * 60_000).toISOString()}::timestamptz`,
    );
  const rows = await tx
    .select({ id: monitors.id, startsAt: monitors.maintenanceStartsAt, endsAt: monitors.maintenanceEndsAt, history: monitors.maintenanceHistory })
    .from(monitors)
    .where(inArray(monitors.id, ids));
  const changed: string[] = [];
  for (const m of rows) {
    const span = maintenanceSpan(
      windows.filter((w) => w.monitorIds.includes(m.id)),
      now,
    );
    const activeNow = span !== null && span.start <= now;
    const wasActive = m.startsAt !== null && m.endsAt !== null && m.startsAt <= now && m.endsAt > now;
    const history = trimHistory(m.history, activeNow ? span!.end : now, now);
    const same =
      (m.startsAt?.getTime() ?? null) === (span?.start.getTime() ?? null) &&
      (m.endsAt?.getTime() ?? null) === (span?.end.getTime() ?? null) &&
      JSON.stringify(history) === JSON.stringify(m.history);
    if (!same) {
      await tx
        .update(monitors)
        .set({ maintenanceStartsAt: span?.start ?? null, maintenanceEndsAt: span?.end ?? null, maintenanceHistory: history })
        .where(sql`${monitors.id} = ${m.id}`);
    }
    if (activeNow !== wasActive) changed.push(m.id);
  }
  return changed;
}

/** Records ending after `cutAt` end there; records not yet begun go; records older than 100 days go. */
function trimHistory(history: PauseRecord[], cutAt: Date, now: Date): PauseRecord[] {
  const cut = cutAt.getTime();
  const out: PauseRecord[] = [];
  for (const r of history) {
    const start = Date.parse(r.start);
    const end = r.end === null ? cut : Math.min(Date.parse(r.end), cut);
    if (start > now.getTime() || end <= start || end < now.getTime() - HISTORY_MS) continue;
    out.push({ start: r.start, end: new Date(end).toISOString() });
  }
  return out;
}

/** Appends a begun occurrence to the monitors' history (the sweep, when it claims the start). */
export async function recordMaintenance(tx: Tx | Db, monitorIds: string[], start: Date, end: Date): Promise<void> {
  if (monitorIds.length === 0) return;
  const rec = JSON.stringify([{ start: start.toISOString(), end: end.toISOString() }]);
  await tx
    .update(monitors)
    .set({ maintenanceHistory: sql`${monitors.maintenanceHistory} || ${rec}::jsonb` })
    .where(inArray(monitors.id, monitorIds));
}
