import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { verb } from "../context";
import { alertOutbox, monitors, type AlertChannel } from "../db/schema";
import { listAlertChannels } from "./channels/get";

export type ChannelOverview = AlertChannel & { lastDelivery: { status: string; event: string; at: Date; error: string | null } | null };

/** What the alerts page shows: channels with their last delivery, and the monitors they can be scoped to. */
export const getAlertsOverview = verb("viewer", async (ctx) => {
  const channels = await listAlertChannels(ctx);
  const monitorOptions = await ctx.db
    .select({ id: monitors.id, name: monitors.name, type: monitors.type })
    .from(monitors)
    .where(eq(monitors.workspaceId, ctx.workspaceId))
    .orderBy(asc(monitors.name));
  const ids = channels.map((c) => c.id);
  const recent = ids.length
    ? await ctx.db
        .selectDistinctOn([alertOutbox.channelId], {
          channelId: alertOutbox.channelId,
          status: alertOutbox.status,
          event: alertOutbox.event,
          createdAt: alertOutbox.createdAt,
          sentAt: alertOutbox.sentAt,
          lastError: alertOutbox.lastError,
        })
        .from(alertOutbox)
        .where(and(eq(alertOutbox.workspaceId, ctx.workspaceId), inArray(alertOutbox.channelId, ids)))
        .orderBy(alertOutbox.channelId, desc(alertOutbox.createdAt))
    : [];
  const byChannel = new Map(recent.map((r) => [r.channelId, r]));
  const overview: ChannelOverview[] = channels.map((c) => {
    const r = byChannel.get(c.id);
    return { ...c, lastDelivery: r ? { status: r.status, event: r.event, at: r.sentAt ?? r.createdAt, error: r.lastError } : null };
  });
  return { channels: overview, monitors: monitorOptions };
});
