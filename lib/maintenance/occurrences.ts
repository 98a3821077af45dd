import { CronExpressionParser } from "cron-parser";
import type { MaintenanceRecurrence } from "../db/schema";

export type Occurrence = { start: Date; end: Date };
export type WindowTimes = { startsAt: Date; endsAt: Date; recurrence: MaintenanceRecurrence | null };

const MINUTE = 60_000;
// A cron firing every minute over a long range would expand without end: no caller needs more.
const MAX_OCCURRENCES = 500;

/**
 * The window's occurrences overlapping [from, to). One-off: the window itself. Recurring: an occurrence
 * starts at each cron time (in the window's timezone, so "0 2 * * 0" stays at 02:00 local across DST)
 * between startsAt and endsAt, and lasts durationMinutes.
 */
export function occurrencesBetween(w: WindowTimes, from: Date, to: Date): Occurrence[] {
  if (!w.recurrence) return w.startsAt < to && w.endsAt > from ? [{ start: w.startsAt, end: w.endsAt }] : [];
  const duration = w.recurrence.durationMinutes * MINUTE;
  // An occurrence that started up to `duration` before `from` still overlaps it.
  const scanFrom = Math.max(w.startsAt.getTime(), from.getTime() - duration);
  const scanTo = Math.min(w.endsAt.getTime(), to.getTime());
  if (scanFrom > scanTo) return [];
  const out: Occurrence[] = [];
  const expr = CronExpressionParser.parse(w.recurrence.cron, { currentDate: new Date(scanFrom - 1), tz: w.recurrence.timezone });
  while (out.length < MAX_OCCURRENCES && expr.hasNext()) {
    const start = expr.next().toDate();
    if (start.getTime() > scanTo || start.getTime() >= to.getTime()) break;
    const end = new Date(start.getTime() + duration);
    if (end > from) out.push({ start, end });
  }
  return out;
}

/** The occurrence running at `now`, if any. */
export function currentOccurrence(w: WindowTimes, now: Date): Occurrence | null {
  return occurrencesBetween(w, now, new Date(now.getTime() + 1)).find((o) => o.start <= now && o.end > now) ?? null;
}

/** The running occurrence, else the next one to start within `horizonMs`. */
export function currentOrNextOccurrence(w: WindowTimes, now: Date, horizonMs = 400 * 86_400_000): Occurrence | null {
  return occurrencesBetween(w, now, new Date(now.getTime() + horizonMs))[0] ?? null;
}

/**
 * The span a monitor is (or next will be) under maintenance, given the windows listing it: the earliest
 * current-or-next occurrence, extended through occurrences that overlap or touch it, so that two windows
 * back to back never leave a gap in which an incident could open.
 */
export function maintenanceSpan(windows: WindowTimes[], now: Date): Occurrence | null {
  const horizon = new Date(now.getTime() + 400 * 86_400_000);
  const all = windows.flatMap((w) => occurrencesBetween(w, now, horizon).slice(0, 50)).sort((a, b) => a.start.getTime() - b.start.getTime());
  if (all.length === 0) return null;
  const { start } = all[0];
  let { end } = all[0];
  for (const o of all.slice(1)) {
    if (o.start > end) break;
    if (o.end > end) end = o.end;
  }
  return { start, end };
}

/** What the check path asks, from the monitor row it already holds. */
export function underMaintenance(m: { maintenanceStartsAt: Date | null; maintenanceEndsAt: Date | null }, at: Date): boolean {
  return m.maintenanceStartsAt !== null && m.maintenanceEndsAt !== null && m.maintenanceStartsAt <= at && m.maintenanceEndsAt > at;
}
