import { and, eq } from "drizzle-orm";
import { verb } from "../context";
import type { Tx } from "../db/client";
import { monitors, type Monitor } from "../db/schema";
import { NotFoundError } from "../errors";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id can't name a monitor: NotFound, like another workspace's id (never a 500). */
export function isUuid(id: unknown): id is string {
  return typeof id === "string" && UUID.test(id);
}

/** The monitor if it belongs to this workspace; anything else is NotFound and reveals nothing. */
export const getMonitorOrThrow = verb("viewer", async (ctx, id: string): Promise<Monitor> => {
  if (!isUuid(id)) throw new NotFoundError("Monitor");
  const [row] = await ctx.db
    .select()
    .from(monitors)
    .where(and(eq(monitors.id, id), eq(monitors.workspaceId, ctx.workspaceId)));
  if (!row) throw new NotFoundError("Monitor");
  return row;
});

/**
 * The workspace's monitor, locked for the rest of the transaction (FOR UPDATE); another's is a 404.
 * A helper inside an editor verb's transaction, so it takes the verb's workspace rather than a ctx.
 */
export async function lockMonitorOrThrow(tx: Tx, workspaceId: string, id: string): Promise<Monitor> {
  if (!isUuid(id)) throw new NotFoundError("Monitor");
  const [row] = await tx
    .select()
    .from(monitors)
    .where(and(eq(monitors.id, id), eq(monitors.workspaceId, workspaceId)))
    .for("update");
  if (!row) throw new NotFoundError("Monitor");
  return row;
}
