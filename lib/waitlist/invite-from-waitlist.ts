import { eq } from "drizzle-orm";
import { verb } from "../context";
import { waitlist } from "../db/schema";
import { NotFoundError } from "../errors";
import { isUuid } from "../ids";
import { createInvite, type CreateInviteOptions, type CreatedInvite } from "../invites/create-invite";

/** Invites a waitlisted person (sending the email) and marks the entry as invited. Operators only. */
export const inviteFromWaitlist = verb("operator", async (ctx, waitlistId: string, opts: CreateInviteOptions = {}): Promise<CreatedInvite> => {
  const { db } = ctx;
  if (!isUuid(waitlistId)) throw new NotFoundError("Waitlist entry");
  const [entry] = await db.select().from(waitlist).where(eq(waitlist.id, waitlistId));
  if (!entry) throw new NotFoundError("Waitlist entry");
  const created = await createInvite(ctx, entry.email, opts);
  await db.update(waitlist).set({ invitedAt: created.invite.createdAt }).where(eq(waitlist.id, entry.id));
  return created;
});
