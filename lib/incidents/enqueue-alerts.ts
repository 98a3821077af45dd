import { and, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { alertChannels, alertOutbox, monitors, type AlertEvent } from "../db/schema";
import { ensureDefaultChannel } from "../alerts/channels";
import { decideFlapping, flappingSetKey } from "../alerts/flapping";
import { notifyOutbox } from "../alerts/notify";
import { kv } from "../redis/client";

/**
 * Writes one outbox row per alert channel that covers the monitor, inside the caller's transaction,
 * so an incident change and its alerts commit together or not at all. The idempotency key makes a
 * second row for the same (incident, channel, event) impossible.
 * Opened/resolved alerts go through flap detection first (lib/alerts/flapping.ts): a flapping monitor
 * gets one "flapping" alert, then nothing per change until the summary.
 */
export async function enqueueIncidentAlerts(
  tx: Tx | Db,
  input: { workspaceId: string; monitorId: string; incidentId: string; event: AlertEvent; payload?: Record<string, unknown>; keySuffix?: string },
): Promise<number> {
  const [monitor] = await tx.select({ muted: monitors.muted }).from(monitors).where(eq(monitors.id, input.monitorId));
  if (!monitor || monitor.muted) return 0;
  let event = input.event;
  let payload = input.payload ?? {};
  if (event === "opened" || event === "resolved") {
    const flap = await decideFlapping(tx as Tx, input.monitorId, input.incidentId);
    if (flap.action === "suppress") return 0;
    if (flap.action === "start") {
      event = "flapping";
      payload = { ...payload, phase: "start", changes: flap.changes, trigger: input.event };
      // A hint for the summary sweep; the mark on the incident (same transaction) is what counts.
      await kv()
        .sadd(flappingSetKey(), input.monitorId)
        .catch(() => {});
    }
  }
  return writeOutboxRows(tx, input.workspaceId, input.monitorId, (channelId) => ({
    incidentId: input.incidentId,
    event,
    idempotencyKey: `${input.incidentId}:${channelId}:${event}${input.keySuffix ?? ""}`,
    payload,
  }));
}

/**
 * Alerts about a monitor rather than an incident (certificate expiry): one row per covering channel,
 * carrying monitorId and no incident. `key(channelId)` is the row's idempotency key.
 */
export async function enqueueMonitorAlerts(
  tx: Tx | Db,
  input: { workspaceId: string; monitorId: string; event: AlertEvent; payload: Record<string, unknown>; key: (channelId: string) => string },
): Promise<number> {
  const [monitor] = await tx.select({ muted: monitors.muted }).from(monitors).where(eq(monitors.id, input.monitorId));
  if (!monitor || monitor.muted) return 0;
  return writeOutboxRows(tx, input.workspaceId, input.monitorId, (channelId) => ({
    monitorId: input.monitorId,
    event: input.event,
    idempotencyKey: input.key(channelId),
    payload: input.payload,
  }));
}

type OutboxFields = Pick<typeof alertOutbox.$inferInsert, "incidentId" | "monitorId" | "event" | "idempotencyKey" | "payload">;

/**
 * One outbox row per channel that covers the monitor (muted channels and unconfirmed addresses get none;
 * delivery re-checks both at send time). The idempotency key makes a second row for the same thing
 * impossible; NOTIFY wakes the delivery workers when the caller's transaction commits.
 */
async function writeOutboxRows(tx: Tx | Db, workspaceId: string, monitorId: string, row: (channelId: string) => OutboxFields): Promise<number> {
  await ensureDefaultChannel(tx, workspaceId);
  const channels = await tx
    .select({ id: alertChannels.id })
    .from(alertChannels)
    .where(
      and(
        eq(alertChannels.workspaceId, workspaceId),
        eq(alertChannels.muted, false),
        eq(alertChannels.verified, true),
        sql`(cardinality(${alertChannels.monitorIds}) = 0 or ${monitorId}::uuid = any(${alertChannels.monitorIds}))`,
      ),
    );
  if (channels.length === 0) return 0;
  const rows = await tx
    .insert(alertOutbox)
    .values(channels.map((c) => ({ workspaceId, channelId: c.id, ...row(c.id) })))
    .onConflictDoNothing()
    .returning({ id: alertOutbox.id });
  if (rows.length) await notifyOutbox(tx);
  return rows.length;
}
