import { and, eq, isNull } from "drizzle-orm";
import { verb } from "../context";
import { invites } from "../db/schema";
import { ConflictError, NotFoundError } from "../errors";
import { isUuid } from "../ids";

/**
 * Withdraws an unused invite so its link stops working. Revoking twice is fine; a used invite cannot
 * be revoked (the account exists); an unknown id is NotFound. Operators only.
 */
export const revokeInvite = verb("operator", async (ctx, inviteId: string): Promise<void> => {
  const { db } = ctx;
  if (!isUuid(inviteId)) throw new NotFoundError("Invite");
  const rows = await db
    .update(invites)
    .set({ revokedAt: new Date() })
    .where(and(eq(invites.id, inviteId), isNull(invites.usedAt), isNull(invites.revokedAt)))
    .returning({ id: invites.id });
  if (rows.length) return;
  const [existing] = await db.select().from(invites).where(eq(invites.id, inviteId));
  if (!existing) throw new NotFoundError("Invite");
  if (existing.usedAt) throw new ConflictError("This invite has already been used; it can no longer be revoked");
});
