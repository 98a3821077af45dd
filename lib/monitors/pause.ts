import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "../db/client";
import { incidents, monitorRegionState, type Monitor } from "../db/schema";
import { nextPauseHistory } from "./pause-history";

/**
 * What pausing or resuming changes, inside the caller's transaction (the monitor row is locked; `paused`
 * differs from the current state).
 * Pausing ends the open incident without an alert (nobody recovered anything; the user stopped watching)
 * and forgets the per-region failure counts, so after a resume the monitor starts over: pending until its
 * first result, thresholds counted afresh, and a new incident (with its alert) if it is still down.
 */
export async function pauseChanges(tx: Tx, current: Monitor, paused: boolean, now: Date) {
  const pauseHistory = nextPauseHistory(current.pauseHistory, paused, now);
  if (!paused) return { paused, pauseHistory };
  await tx
    .update(incidents)
    .set({ status: "resolved", resolvedAt: now, details: sql`${incidents.details} || '{"endedBy":"paused"}'::jsonb` })
    .where(and(eq(incidents.monitorId, current.id), eq(incidents.status, "open")));
  await tx.delete(monitorRegionState).where(eq(monitorRegionState.monitorId, current.id));
  return { paused, pauseHistory, status: "pending" as const, statusChangedAt: now, consecutiveFailures: 0, consecutiveSuccesses: 0, deadlineAt: null };
}
