import { and, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { monitors, type Monitor } from "../db/schema";
import { NotFoundError } from "../errors";
import { isUuid } from "./get-monitor";
import { notifyMonitorChange } from "./notify";

/** Pauses or resumes a monitor of this workspace; repeating the current state is a no-op. */
export async function setPaused(db: Db, workspaceId: string, id: string, paused: boolean): Promise<Monitor> {
  if (!isUuid(id)) throw new NotFoundError("Monitor");
  const [row] = await db
    .update(monitors)
    .set({ paused, updatedAt: new Date() })
    .where(and(eq(monitors.id, id), eq(monitors.workspaceId, workspaceId)))
    .returning();
  if (!row) throw new NotFoundError("Monitor");
  await notifyMonitorChange(row.id, paused ? "paused" : "resumed");
  return row;
}
