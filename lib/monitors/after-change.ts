import { db } from "../db/client";
import { onHeartbeatMonitorChange } from "../heartbeats/on-monitor-change";
import { key, kv } from "../redis/client";

export type MonitorChangeKind = "created" | "updated" | "paused" | "resumed" | "deleted";

/**
 * Tells the fleet a monitor changed, so the scheduler picks it up within seconds instead of at its
 * next reconcile. A capped Redis stream: the scheduler reads it from its last id, so nothing is
 * missed across a scheduler restart, and the cap keeps it from growing without bound.
 */
export async function afterMonitorChange(monitorId: string, kind: MonitorChangeKind): Promise<void> {
  try {
    await kv().xadd(key("monitor-changes"), "*", { monitorId, kind, at: String(Date.now()) }, { trim: { type: "MAXLEN", threshold: 10_000, comparison: "~" } });
  } finally {
    // Heartbeats: keep the ping-token cache (the ingest never reads Postgres) in step with this change.
    await onHeartbeatMonitorChange(db, kv(), monitorId, kind);
  }
}
