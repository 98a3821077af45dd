import { and, eq, sql } from "drizzle-orm";
import { verb } from "../context";
import { monitors, statusPageMonitors } from "../db/schema";
import { NotFoundError } from "../errors";
import { announceMonitorStatusChange } from "../status-pages/change-feed";
import { isUuid } from "./get-monitor";
import { notifyMonitorChange } from "./notify";

/** Deletes a monitor of this workspace; its checks, pings and incidents go with it (FK cascade). */
export const deleteMonitor = verb("editor", async (ctx, id: string): Promise<void> => {
  if (!isUuid(id)) throw new NotFoundError("Monitor");
  const rows = await ctx.db
    .delete(monitors)
    .where(and(eq(monitors.id, id), eq(monitors.workspaceId, ctx.workspaceId)))
    // RETURNING reads the statement's snapshot: the page rows the cascade is about to delete are still there.
    .returning({
      id: monitors.id,
      listed: sql<boolean>`exists (select 1 from ${statusPageMonitors} where ${statusPageMonitors.monitorId} = ${monitors.id})`,
    });
  if (rows.length === 0) throw new NotFoundError("Monitor");
  // After the commit: pages listing it drop it at once on every web instance, not when their copies age out.
  if (rows[0].listed) await announceMonitorStatusChange([id]);
  await notifyMonitorChange(id, "deleted");
});
