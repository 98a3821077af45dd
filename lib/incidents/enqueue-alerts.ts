import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { alertChannels, alertOutbox, monitors, type AlertEvent } from "../db/schema";

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

/**
 * Writes one outbox row per alert channel that covers the monitor, inside the caller's transaction,
 * so an incident change and its alerts commit together or not at all. The idempotency key makes a
 * second row for the same (incident, channel, event) impossible.
 */
export async function enqueueIncidentAlerts(
  tx: Tx | Db,
  input: { workspaceId: string; monitorId: string; incidentId: string; event: AlertEvent; payload?: Record<string, unknown> },
): Promise<number> {
  const [monitor] = await tx.select({ muted: monitors.muted }).from(monitors).where(eq(monitors.id, input.monitorId));
  if (!monitor || monitor.muted) return 0;
  const channels = await tx
    .select({ id: alertChannels.id })
    .from(alertChannels)
    .where(
      and(
        eq(alertChannels.workspaceId, input.workspaceId),
        eq(alertChannels.muted, false),
        sql`(cardinality(${alertChannels.monitorIds}) = 0 or ${input.monitorId}::uuid = any(${alertChannels.monitorIds}))`,
      ),
    );
  if (channels.length === 0) return 0;
  const rows = await tx
    .insert(alertOutbox)
    .values(
      channels.map((c) => ({
        workspaceId: input.workspaceId,
        incidentId: input.incidentId,
        channelId: c.id,
        event: input.event,
        idempotencyKey: `${input.incidentId}:${c.id}:${input.event}`,
        payload: input.payload ?? {},
      })),
    )
    .onConflictDoNothing()
    .returning({ id: alertOutbox.id });
  return rows.length;
}
