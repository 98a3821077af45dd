import type { PauseRecord } from "../db/schema";
import type { Span } from "./compute";

export type PauseFacts = { pauseHistory: PauseRecord[] };

/** Paused periods from the monitor's pause history (lib/monitors/pause-history.ts); the open one lasts until now. */
export function pausedSpans(m: PauseFacts, now: number): Span[] {
  const spans: Span[] = [];
  for (const r of m.pauseHistory) {
    const start = Date.parse(r.start);
    const end = r.end === null ? now : Math.min(now, Date.parse(r.end));
    if (start < end) spans.push({ start, end });
  }
  return spans;
}
