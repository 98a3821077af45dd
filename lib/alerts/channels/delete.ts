import { and, eq } from "drizzle-orm";
import { verb } from "../../context";
import { alertChannels } from "../../db/schema";
import { findChannelOrThrow } from "./get";

/** Deletes a channel; its pending deliveries go with it (the outbox rows cascade). */
export const deleteAlertChannel = verb("admin", async (ctx, id: string): Promise<void> => {
  await findChannelOrThrow(ctx.db, ctx.workspaceId, id);
  await ctx.db.delete(alertChannels).where(and(eq(alertChannels.id, id), eq(alertChannels.workspaceId, ctx.workspaceId)));
});
