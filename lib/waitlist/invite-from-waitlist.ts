import { eq } from "drizzle-orm";
import { requireAdmin, UUID } from "../accounts/require-admin";
import type { Db } from "../db/client";
import { waitlist } from "../db/schema";
import { NotFoundError } from "../errors";
import { createInvite, type CreateInviteOptions, type CreatedInvite } from "../invites/create-invite";

/** Invites a waitlisted person (sending the email) and marks the entry as invited. Admin only. */
export async function inviteFromWaitlist(
  db: Db,
  actorId: string,
  waitlistId: string,
  opts: CreateInviteOptions = {},
): Promise<CreatedInvite> {
  await requireAdmin(db, actorId);
  if (!UUID.test(waitlistId)) throw new NotFoundError("Waitlist entry");
  const [entry] = await db.select().from(waitlist).where(eq(waitlist.id, waitlistId));
  if (!entry) throw new NotFoundError("Waitlist entry");
  const created = await createInvite(db, { email: entry.email, invitedBy: actorId }, opts);
  await db.update(waitlist).set({ invitedAt: created.invite.createdAt }).where(eq(waitlist.id, entry.id));
  return created;
}
