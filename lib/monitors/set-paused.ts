import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { monitors, type Monitor } from "../db/schema";
import { lockMonitorOrThrow } from "./get-monitor";
import { notifyMonitorChange } from "./notify";
import { pauseChanges } from "./pause";

/** Pauses or resumes a monitor of this workspace; repeating the current state is a no-op. */
export async function setPaused(db: Db, workspaceId: string, id: string, paused: boolean): Promise<Monitor> {
  const { row, changed } = await db.transaction(async (tx) => {
    const current = await lockMonitorOrThrow(tx, workspaceId, id);
    if (current.paused === paused) return { row: current, changed: false };
    const now = new Date();
    const [row] = await tx
      .update(monitors)
      .set({ ...(await pauseChanges(tx, current, paused, now)), updatedAt: now })
      .where(eq(monitors.id, id))
      .returning();
    return { row, changed: true };
  });
  if (changed) await notifyMonitorChange(row.id, paused ? "paused" : "resumed");
  return row;
}
