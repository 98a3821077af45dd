import type { PauseRecord } from "../db/schema";
import type { Span } from "./compute";

export type PauseFacts = { pauseHistory: PauseRecord[]; maintenanceHistory?: PauseRecord[] };

/**
 * Periods left out of uptime: pauses (lib/monitors/pause-history.ts; the open one lasts until now) and
 * maintenance occurrences (lib/maintenance), when the caller read them.
 */
export function pausedSpans(m: PauseFacts, now: number): Span[] {
  const spans: Span[] = [];
  for (const r of [...m.pauseHistory, ...(m.maintenanceHistory ?? [])]) {
    const start = Date.parse(r.start);
    const end = r.end === null ? now : Math.min(now, Date.parse(r.end));
    if (start < end) spans.push({ start, end });
  }
  return spans;
}
