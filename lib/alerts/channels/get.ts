import { and, asc, eq } from "drizzle-orm";
import { verb } from "../../context";
import type { Db, Tx } from "../../db/client";
import { alertChannels, type AlertChannel } from "../../db/schema";
import { NotFoundError } from "../../errors";
import { ensureDefaultChannel } from "./default-channel";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A channel of this workspace (locked for update when asked); another workspace's id is a 404. */
export async function findChannelOrThrow(db: Db | Tx, workspaceId: string, id: string, opts: { lock?: boolean } = {}): Promise<AlertChannel> {
  if (!UUID.test(id)) throw new NotFoundError("Alert channel");
  const q = db
    .select()
    .from(alertChannels)
    .where(and(eq(alertChannels.id, id), eq(alertChannels.workspaceId, workspaceId)));
  const [row] = opts.lock ? await q.for("update") : await q;
  if (!row) throw new NotFoundError("Alert channel");
  return row;
}

export const listAlertChannels = verb("viewer", async (ctx): Promise<AlertChannel[]> => {
  await ensureDefaultChannel(ctx.db, ctx.workspaceId);
  return ctx.db.select().from(alertChannels).where(eq(alertChannels.workspaceId, ctx.workspaceId)).orderBy(asc(alertChannels.createdAt), asc(alertChannels.id));
});

export const getAlertChannelOrThrow = verb("viewer", async (ctx, id: string): Promise<AlertChannel> => findChannelOrThrow(ctx.db, ctx.workspaceId, id));
