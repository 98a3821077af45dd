import type { Span } from "./compute";

export type PauseFacts = {
  type: "http" | "heartbeat";
  paused: boolean;
  createdAt: Date;
  updatedAt: Date;
  lastCheckedAt: Date | null;
  lastPingAt: Date | null;
};

/**
 * Paused periods, derived without a history table (docs/architecture.md, "Uptime"): a monitor that
 * is paused now counts as paused since its last check (heartbeat: its last ping or, if later, its last
 * update; never before it was created). Pauses that were later resumed are not recorded; no check
 * runs and no incident opens during one, so that time counts as up.
 */
export function pausedSpans(m: PauseFacts, now: number): Span[] {
  if (!m.paused) return [];
  const last = m.type === "http" ? m.lastCheckedAt : maxDate(m.lastPingAt, m.updatedAt);
  const since = Math.max(m.createdAt.getTime(), (last ?? m.updatedAt).getTime());
  return since < now ? [{ start: since, end: now }] : [];
}

function maxDate(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a > b ? a : b;
}
