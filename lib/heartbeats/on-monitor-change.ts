import type { Redis } from "@upstash/redis";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { monitors } from "../db/schema";
import { syncPingTokenCache } from "./cache";
import { deadlineAfterPing } from "./schedule";

/**
 * Heartbeat side of a monitor change: the ping-token cache follows the database, and a resumed or
 * rescheduled monitor gets a deadline from its new schedule (so a resume doesn't alert at once for the
 * time it was paused).
 */
export async function onHeartbeatMonitorChange(db: Db, kv: Redis, monitorId: string, kind: string): Promise<void> {
  await syncPingTokenCache(db, kv, monitorId);
  if (kind !== "resumed" && kind !== "updated") return;
  const [m] = await db
    .select()
    .from(monitors)
    .where(and(eq(monitors.id, monitorId), eq(monitors.type, "heartbeat")));
  if (!m || m.paused || !m.lastPingAt || m.status === "down" || m.runStartedAt) return;
  const from = kind === "resumed" ? new Date() : m.lastPingAt;
  await db
    .update(monitors)
    .set({ deadlineAt: deadlineAfterPing(m, from) })
    .where(and(eq(monitors.id, monitorId), sql`not ${monitors.paused}`));
}
