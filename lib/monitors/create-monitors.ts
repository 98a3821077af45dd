import { count, eq } from "drizzle-orm";
import { verb } from "../context";
import { monitors, type Monitor } from "../db/schema";
import { monitorColumns, newPingToken } from "./columns";
import { notifyMonitorChange } from "./notify";
import { nextPauseHistory } from "./pause-history";
import type { MonitorValues } from "./validate";
import { assertMonitorWithinQuotas, QuotaExceededError, withinCountQuota } from "../quotas/quotas";

export type NewMonitorItem = { values: MonitorValues; paused: boolean };

// One INSERT per chunk keeps each statement well under Postgres's 65,535 bind parameters (~30 per row).
const CHUNK = 200;

/**
 * Creates validated monitors all together or not at all: one transaction under the workspace's monitor
 * quota lock (the one createMonitor takes), so the whole batch must fit the quota and a failure anywhere
 * leaves nothing behind. The fleet hears about them only after the commit. Takes values that
 * validateMonitorInput returned (an import validates each first, to list the ones it can't take).
 */
export const createValidatedMonitors = verb("editor", async (ctx, items: NewMonitorItem[]): Promise<Monitor[]> => {
  if (items.length === 0) return [];
  const rows = await withinCountQuota(ctx, "monitors", async (tx, quotas) => {
    const [{ n }] = await tx.select({ n: count() }).from(monitors).where(eq(monitors.workspaceId, ctx.workspaceId));
    if (n + items.length > quotas.monitors) {
      throw new QuotaExceededError(
        "monitors",
        quotas.monitors,
        `This import would bring the workspace to ${n + items.length} monitors; its quota is ${quotas.monitors} (${Math.max(0, quotas.monitors - n)} more fit). Nothing was imported; ask an admin to raise the quota, or import fewer monitors.`,
      );
    }
    for (const item of items) assertMonitorWithinQuotas(quotas, item.values);
    const now = new Date();
    const created: Monitor[] = [];
    for (let i = 0; i < items.length; i += CHUNK) {
      const chunk = items.slice(i, i + CHUNK).map(({ values, paused }) => ({
        workspaceId: ctx.workspaceId,
        type: values.type,
        ...monitorColumns(values),
        pingToken: values.type === "heartbeat" ? newPingToken() : null,
        ...(paused ? { paused: true, pauseHistory: nextPauseHistory([], true, now) } : {}),
      }));
      created.push(...(await tx.insert(monitors).values(chunk).returning()));
    }
    return created;
  });
  // A few at a time: each tells the scheduler and fills the heartbeat ping-token cache.
  for (let i = 0; i < rows.length; i += 10) {
    await Promise.all(rows.slice(i, i + 10).map((r) => notifyMonitorChange(r.id, "created")));
  }
  return rows;
});
