/**
 * Slot arithmetic for the scheduler. A monitor with interval I runs at t = phase + k·I (epoch ms).
 * The phase is a stable hash of the monitor id in [0, I), so monitors that share an interval spread
 * evenly across it instead of bunching at :00, and slot times are computed, never accumulated, so
 * they cannot drift however late a tick runs.
 */

/** FNV-1a over the id, then a murmur3 finaliser so near-identical ids land far apart. */
export function hashId(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** The monitor's offset inside its interval, in ms: same id and interval, same phase, forever. */
export function phaseMs(id: string, intervalMs: number): number {
  // 32 bits of hash scaled onto the interval (a modulo would favour small offsets for long intervals).
  return Math.floor((hashId(id) / 2 ** 32) * intervalMs);
}

/** The latest slot at or before t. */
export function slotAtOrBefore(t: number, phase: number, intervalMs: number): number {
  return Math.floor((t - phase) / intervalMs) * intervalMs + phase;
}

/** The first slot strictly after t. */
export function slotAfter(t: number, phase: number, intervalMs: number): number {
  return slotAtOrBefore(t, phase, intervalMs) + intervalMs;
}

/**
 * The slot to run after a gap: the planned slot if it is still the latest one due, otherwise only
 * the most recent missed slot (a scheduler or Redis outage runs a missed check once, not once per
 * missed slot).
 */
export function collapseMissed(planned: number, now: number, phase: number, intervalMs: number): number {
  if (planned + intervalMs > now) return planned;
  return slotAtOrBefore(now, phase, intervalMs);
}

/** A monitor slot is identified by its epoch ms; the aligned slot is what a naive cron would use. */
export function alignedSlotAtOrBefore(t: number, intervalMs: number): number {
  return slotAtOrBefore(t, 0, intervalMs);
}
