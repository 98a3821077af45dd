import { newestFirst } from "../db/order";
import type { Redis } from "@upstash/redis";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { env } from "../env";
import { incidents, monitors } from "../db/schema";
import { key } from "../redis/client";

export type FlapOptions = { threshold: number; windowMs: number };
export type FlapDecision = { action: "send" } | { action: "suppress" } | { action: "start"; changes: number };
type FlapMark = { active: boolean; since: string; changes?: number };

export function flapOptions(): FlapOptions {
  return { threshold: env.FLAP_THRESHOLD, windowMs: env.FLAP_WINDOW_MINUTES * 60_000 };
}

/** Redis hint of monitors in a flapping episode, so the summary sweep never scans incidents. The DB decides. */
export const flappingSetKey = () => key("alerts", new URL(env.DATABASE_URL).pathname.slice(1) || "db", "flapping");

const markOf = (d: unknown): FlapMark | undefined => (d as { flapping?: FlapMark } | null)?.flapping;

/**
 * Called for every opened/resolved alert, inside the incident's transaction. A monitor that changed
 * state more than `threshold` times within `windowMs` starts a flapping episode (one "flapping" email
 * instead of this change's); during the episode per-change emails are suppressed. The episode is marked
 * on the monitor's newest incident (details.flapping) and carried forward to each new one.
 */
export async function decideFlapping(tx: Tx, monitorId: string, incidentId: string, o: FlapOptions = flapOptions()): Promise<FlapDecision> {
  const recent = await tx
    .select({ id: incidents.id, startedAt: incidents.startedAt, resolvedAt: incidents.resolvedAt, details: incidents.details })
    .from(incidents)
    .where(eq(incidents.monitorId, monitorId))
    .orderBy(newestFirst(incidents.startedAt))
    .limit(o.threshold + 2);
  const since = Date.now() - o.windowMs;
  const changes = recent.reduce((n, r) => n + (r.startedAt.getTime() > since ? 1 : 0) + (r.resolvedAt && r.resolvedAt.getTime() > since ? 1 : 0), 0);
  const active = recent
    .slice(0, 2)
    .map((r) => markOf(r.details))
    .find((m) => m?.active);
  const mark = async (m: FlapMark) =>
    tx
      .update(incidents)
      .set({ details: sql`${incidents.details} || ${JSON.stringify({ flapping: m })}::jsonb` })
      .where(eq(incidents.id, incidentId));
  if (active) {
    await mark(active);
    return { action: "suppress" };
  }
  if (changes > o.threshold) {
    await mark({ active: true, since: new Date().toISOString(), changes });
    return { action: "start", changes };
  }
  return { action: "send" };
}

/**
 * Ends episodes of monitors that have been stable (no state change) for `stableMs`: clears the mark
 * with a conditional update (so two sweepers can't both win) and enqueues one summary per channel.
 */
export async function summarizeStableFlapping(
  db: Db,
  kv: Redis,
  enqueue: (tx: Tx, input: { workspaceId: string; monitorId: string; incidentId: string; payload: Record<string, unknown> }) => Promise<number>,
  opts: { stableMs?: number } = {},
): Promise<number> {
  const stableMs = opts.stableMs ?? flapOptions().windowMs;
  const ids = ((await kv.smembers(flappingSetKey())) as unknown[]).map(String);
  let summaries = 0;
  for (const monitorId of ids) {
    const done = await db.transaction(async (tx) => {
      const [m] = await tx
        .select({ workspaceId: monitors.workspaceId, status: monitors.status, statusChangedAt: monitors.statusChangedAt })
        .from(monitors)
        .where(eq(monitors.id, monitorId));
      const [latest] = await tx.select().from(incidents).where(eq(incidents.monitorId, monitorId)).orderBy(newestFirst(incidents.startedAt)).limit(1);
      const mark = markOf(latest?.details);
      if (!m || !latest || !mark?.active) return "drop" as const;
      if (m.statusChangedAt && Date.now() - m.statusChangedAt.getTime() < stableMs) return "wait" as const;
      const cleared = await tx
        .update(incidents)
        .set({ details: sql`${incidents.details} || ${JSON.stringify({ flapping: { ...mark, active: false, endedAt: new Date().toISOString() } })}::jsonb` })
        .where(and(eq(incidents.id, latest.id), sql`${incidents.details}->'flapping'->>'active' = 'true'`))
        .returning({ id: incidents.id });
      if (!cleared.length) return "drop" as const;
      const [{ n }] = await tx
        .select({
          n: sql<number>`(count(*) filter (where ${incidents.startedAt} >= ${mark.since}::timestamptz) + count(*) filter (where ${incidents.resolvedAt} >= ${mark.since}::timestamptz))::int`,
        })
        .from(incidents)
        .where(eq(incidents.monitorId, monitorId));
      await enqueue(tx, {
        workspaceId: m.workspaceId,
        monitorId,
        incidentId: latest.id,
        payload: { phase: "summary", since: mark.since, changes: (mark.changes ?? 0) + n, status: m.status },
      });
      return "summary" as const;
    });
    if (done !== "wait") await kv.srem(flappingSetKey(), monitorId);
    if (done === "summary") summaries++;
  }
  return summaries;
}
