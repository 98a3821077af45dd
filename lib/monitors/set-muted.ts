import { and, eq } from "drizzle-orm";
import { verb } from "../context";
import { monitors, type Monitor } from "../db/schema";
import { NotFoundError } from "../errors";
import { isUuid } from "./get-monitor";

/**
 * Mutes or unmutes a monitor: checks and incidents go on, alert deliveries for it don't. Nothing to
 * reschedule, so no change notice goes to the fleet.
 */
export const setMuted = verb("editor", async (ctx, id: string, muted: boolean): Promise<Monitor> => {
  if (!isUuid(id)) throw new NotFoundError("Monitor");
  const [row] = await ctx.db
    .update(monitors)
    .set({ muted, updatedAt: new Date() })
    .where(and(eq(monitors.id, id), eq(monitors.workspaceId, ctx.workspaceId)))
    .returning();
  if (!row) throw new NotFoundError("Monitor");
  return row;
});
