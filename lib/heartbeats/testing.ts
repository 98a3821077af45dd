import { kv } from "../redis/client";
import { db } from "../db/client";
import { monitors } from "../db/schema";
import { onHeartbeatMonitorChange } from "./on-monitor-change";
import { generatePingToken } from "./token";

/** Test helper: a heartbeat monitor inserted directly (monitor CRUD is another module) and synced to the cache. */
export async function createHeartbeatMonitor(
  workspaceId: string,
  opts: { periodSeconds?: number; graceSeconds?: number; cron?: string | null; timezone?: string | null; sync?: boolean; name?: string } = {},
) {
  const [m] = await db
    .insert(monitors)
    .values({
      workspaceId,
      name: opts.name ?? "nightly backup",
      type: "heartbeat",
      pingToken: generatePingToken(),
      periodSeconds: opts.periodSeconds ?? 60,
      graceSeconds: opts.graceSeconds ?? 30,
      cron: opts.cron ?? null,
      timezone: opts.timezone ?? null,
    })
    .returning();
  if (opts.sync !== false) await onHeartbeatMonitorChange(db, kv(), m.id, "created");
  return m;
}

export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 15_000, everyMs = 50): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error("waitFor: condition not met in time");
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
