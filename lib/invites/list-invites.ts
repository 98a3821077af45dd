import { desc } from "drizzle-orm";
import { requireAdmin } from "../accounts/require-admin";
import type { Db } from "../db/client";
import { invites, type Invite } from "../db/schema";
import { inviteStatus, type InviteStatus } from "./token";

export type InviteRow = Omit<Invite, "tokenHash"> & { status: InviteStatus };

/** Newest first, with their status; admin only. The token hash never leaves this module. */
export async function listInvites(db: Db, actorId: string, opts: { limit?: number } = {}): Promise<InviteRow[]> {
  await requireAdmin(db, actorId);
  const rows = await db.select().from(invites).orderBy(desc(invites.createdAt)).limit(opts.limit ?? 200);
  const now = new Date();
  return rows.map(({ tokenHash: _hidden, ...invite }) => ({ ...invite, status: inviteStatus(invite, now) }));
}
