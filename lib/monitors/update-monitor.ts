import { eq } from "drizzle-orm";
import { verb } from "../context";
import { monitors, type Monitor } from "../db/schema";
import { assertMonitorWithinQuotas, getQuotas } from "../quotas/quotas";
import { monitorColumns } from "./columns";
import { lockMonitorOrThrow } from "./get-monitor";
import { notifyMonitorChange } from "./notify";
import { pauseChanges } from "./pause";
import { announceMonitorStatusChange } from "../status-pages/change-feed";
import { validateMonitorPatch } from "./validate";

/**
 * PATCH a monitor: the row is locked, the patch merged and the whole monitor re-validated inside one
 * transaction, so two concurrent edits can't combine into an invalid monitor. `paused` may ride along.
 */
export const updateMonitor = verb("editor", async (ctx, id: string, patch: unknown): Promise<Monitor> => {
  const { row, pausedChanged, fieldsChanged } = await ctx.db.transaction(async (tx) => {
    const current = await lockMonitorOrThrow(tx, ctx.workspaceId, id);
    const { values, paused } = validateMonitorPatch(current, patch);
    const fieldsChanged = Object.keys(patch as object).some((k) => k !== "paused");
    const pausedChanged = paused !== undefined && paused !== current.paused;
    if (fieldsChanged) assertMonitorWithinQuotas(await getQuotas(tx, ctx.workspaceId), values);
    const now = new Date();
    const [row] = await tx
      .update(monitors)
      .set({ ...monitorColumns(values), ...(pausedChanged ? await pauseChanges(tx, current, paused, now) : {}), updatedAt: now })
      .where(eq(monitors.id, id))
      .returning();
    return { row, pausedChanged, fieldsChanged };
  });
  if (fieldsChanged) await notifyMonitorChange(row.id, "updated");
  if (pausedChanged) {
    await announceMonitorStatusChange([row.id]);
    await notifyMonitorChange(row.id, row.paused ? "paused" : "resumed");
  }
  return row;
});
