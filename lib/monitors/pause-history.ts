import type { PauseRecord } from "../db/schema";

const KEEP_MS = 100 * 86_400_000; // longer than the longest uptime window (90 d)
const MAX_RECORDS = 500;

/**
 * The pause history after a pause or resume at `now`: pausing opens a record, resuming closes the open
 * one; repeating the current state changes nothing. Records that ended before anything we show are
 * dropped, so the column stays small however often a monitor is toggled.
 */
export function nextPauseHistory(history: PauseRecord[], paused: boolean, now: Date): PauseRecord[] {
  const open = history.at(-1)?.end === null;
  let next = history;
  if (paused && !open) next = [...history, { start: now.toISOString(), end: null }];
  if (!paused && open) next = [...history.slice(0, -1), { ...history.at(-1)!, end: now.toISOString() }];
  const keepFrom = now.getTime() - KEEP_MS;
  return next.filter((r) => r.end === null || Date.parse(r.end) >= keepFrom).slice(-MAX_RECORDS);
}
