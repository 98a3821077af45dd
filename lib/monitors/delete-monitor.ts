import { and, eq } from "drizzle-orm";
import { verb } from "../context";
import { monitors } from "../db/schema";
import { NotFoundError } from "../errors";
import { isUuid } from "./get-monitor";
import { notifyMonitorChange } from "./notify";

/** Deletes a monitor of this workspace; its checks, pings and incidents go with it (FK cascade). */
export const deleteMonitor = verb("editor", async (ctx, id: string): Promise<void> => {
  if (!isUuid(id)) throw new NotFoundError("Monitor");
  const rows = await ctx.db
    .delete(monitors)
    .where(and(eq(monitors.id, id), eq(monitors.workspaceId, ctx.workspaceId)))
    .returning({ id: monitors.id });
  if (rows.length === 0) throw new NotFoundError("Monitor");
  await notifyMonitorChange(id, "deleted");
});
