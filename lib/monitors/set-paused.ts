import { eq } from "drizzle-orm";
import { verb } from "../context";
import { monitors, type Monitor } from "../db/schema";
import { lockMonitorOrThrow } from "./get-monitor";
import { notifyMonitorChange } from "./notify";
import { pauseChanges } from "./pause";
import { announceMonitorStatusChange } from "../status-pages/change-feed";

/** Pauses or resumes a monitor of this workspace; repeating the current state is a no-op. */
export const setPaused = verb("editor", async (ctx, id: string, paused: boolean): Promise<Monitor> => {
  const { row, changed } = await ctx.db.transaction(async (tx) => {
    const current = await lockMonitorOrThrow(tx, ctx.workspaceId, id);
    if (current.paused === paused) return { row: current, changed: false };
    const now = new Date();
    const [row] = await tx
      .update(monitors)
      .set({ ...(await pauseChanges(tx, current, paused, now)), updatedAt: now })
      .where(eq(monitors.id, id))
      .returning();
    return { row, changed: true };
  });
  if (changed) {
    // After the commit: status pages listing the monitor show it paused (or back) at once.
    await announceMonitorStatusChange([row.id]);
    await notifyMonitorChange(row.id, paused ? "paused" : "resumed");
  }
  return row;
});
