import { and, eq, gt, isNull, sql } from "drizzle-orm";
import { createUser } from "../accounts/create-user";
import { SignUpInput } from "../accounts/schemas";
import type { Db } from "../db/client";
import { invites, type Invite, type User } from "../db/schema";
import { ConflictError, parseOrThrow, ValidationError } from "../errors";
import { hashInviteToken, INVITE_MESSAGES, inviteStatus, isWellFormedToken, type InviteStatus } from "./token";

export type InviteLookup = { status: InviteStatus | "unknown"; email: string | null; expiresAt: Date | null };

async function findByToken(db: Db, token: unknown): Promise<Invite | undefined> {
  if (!isWellFormedToken(token)) return undefined;
  const [invite] = await db
    .select()
    .from(invites)
    .where(eq(invites.tokenHash, hashInviteToken(token)));
  return invite;
}

/** What the sign-up page needs to know about a link: whose it is and whether it still works. */
export async function lookupInvite(db: Db, token: unknown): Promise<InviteLookup> {
  const invite = await findByToken(db, token);
  if (!invite) return { status: "unknown", email: null, expiresAt: null };
  return { status: inviteStatus(invite), email: invite.email, expiresAt: invite.expiresAt };
}

function unusable(status: InviteStatus | "unknown"): Error {
  if (status === "used") return new ConflictError(INVITE_MESSAGES.used, { token: INVITE_MESSAGES.used });
  const message = status === "pending" ? INVITE_MESSAGES.unknown : INVITE_MESSAGES[status];
  return new ValidationError(message, { token: message });
}

/**
 * Creates the invitee's account and uses up the invite, atomically: the invite is claimed by a
 * conditional update inside the same transaction as the user insert, so two sign-ups racing on one
 * link create one account (the loser sees "already used"), and a failed insert (duplicate email)
 * leaves the invite unused.
 */
export async function redeemInvite(
  db: Db,
  input: { token: unknown; email: string; password: string; name?: string | null },
): Promise<{ user: User; workspaceId: string }> {
  const data = parseOrThrow(SignUpInput, { email: input.email, password: input.password, name: input.name ?? undefined });
  const invite = await findByToken(db, input.token);
  if (!invite) throw unusable("unknown");
  const status = inviteStatus(invite);
  if (status !== "pending") throw unusable(status);
  if (invite.email !== data.email) throw new ValidationError(INVITE_MESSAGES.wrongEmail, { email: INVITE_MESSAGES.wrongEmail });

  return db.transaction(async (tx) => {
    const claimed = await tx
      .update(invites)
      .set({ usedAt: sql`now()` })
      .where(and(eq(invites.id, invite.id), isNull(invites.usedAt), isNull(invites.revokedAt), gt(invites.expiresAt, sql`now()`)))
      .returning({ id: invites.id });
    if (!claimed.length) {
      const [now] = await tx.select().from(invites).where(eq(invites.id, invite.id));
      throw unusable(now ? inviteStatus(now) : "unknown");
    }
    const created = await createUser(tx, { email: data.email, password: data.password, name: data.name });
    await tx.update(invites).set({ usedBy: created.user.id }).where(eq(invites.id, invite.id));
    return created;
  });
}
