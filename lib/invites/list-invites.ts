import { desc } from "drizzle-orm";
import { verb } from "../context";
import { invites, type Invite } from "../db/schema";
import { inviteStatus, type InviteStatus } from "./token";

export type InviteRow = Omit<Invite, "tokenHash"> & { status: InviteStatus };

/** Newest first, with their status; operators only. The token hash never leaves this module. */
export const listInvites = verb("operator", async (ctx, opts: { limit?: number } = {}): Promise<InviteRow[]> => {
  const rows = await ctx.db
    .select()
    .from(invites)
    .orderBy(desc(invites.createdAt))
    .limit(opts.limit ?? 200);
  const now = new Date();
  return rows.map(({ tokenHash: _hidden, ...invite }) => ({ ...invite, status: inviteStatus(invite, now) }));
});
