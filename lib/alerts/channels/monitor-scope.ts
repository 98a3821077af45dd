import { and, eq, inArray } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { monitors } from "../../db/schema";
import { ValidationError } from "../../errors";

/**
 * The monitors a channel is limited to, deduplicated; each must belong to this workspace. A foreign
 * id gets the same answer as one that doesn't exist, so nothing about other workspaces leaks.
 */
export async function checkMonitorIds(db: Db | Tx, workspaceId: string, monitorIds: string[]): Promise<string[]> {
  const ids = [...new Set(monitorIds)];
  if (!ids.length) return ids;
  const found = await db
    .select({ id: monitors.id })
    .from(monitors)
    .where(and(eq(monitors.workspaceId, workspaceId), inArray(monitors.id, ids)));
  if (found.length !== ids.length) throw new ValidationError("Some fields are invalid", { monitorIds: "Unknown monitor in this workspace" });
  return ids;
}
