import type { Transporter } from "nodemailer";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { Email } from "../accounts/schemas";
import { verb } from "../context";
import { invites, users, type Invite } from "../db/schema";
import { env } from "../env";
import { ConflictError, parseOrThrow } from "../errors";
import { log } from "../log";
import { sendMail } from "../mail/transport";
import { renderInviteEmail } from "./invite-email";
import { hashInviteToken, INVITE_TTL_MS, newInviteToken } from "./token";

export const CreateInviteInput = z.object({ email: Email });

export type CreateInviteOptions = {
  /** SMTP transport to send through (tests pass one for their in-process server); default: SMTP_URL. */
  transport?: Transporter;
  /** Base of the sign-up link; default APP_URL. */
  appUrl?: string;
  now?: Date;
};

export type CreatedInvite = {
  invite: Invite;
  /** The secret; shown once (CLI, admin page) and sent by email, never stored. */
  token: string;
  url: string;
  /** Set when the invite was created but the email could not be sent: the link still works. */
  mailError?: string;
};

/**
 * Creates a 7-day, single-use invite bound to an email and sends the sign-up link to it. Operators only;
 * the invite records the acting user (none for the operator CLI). A failed email does not undo the
 * invite: the caller gets the link and `mailError`, so an operator can pass it on by hand.
 */
export const createInvite = verb("operator", async (ctx, rawEmail: string, opts: CreateInviteOptions = {}): Promise<CreatedInvite> => {
  const { db } = ctx;
  const invitedBy = ctx.actor.kind === "user" ? ctx.actor.id : null;
  const { email } = parseOrThrow(CreateInviteInput, { email: rawEmail });
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, email));
  if (existing) {
    const message = "An account with this email already exists";
    throw new ConflictError(message, { email: message });
  }
  const now = opts.now ?? new Date();
  const token = newInviteToken();
  const [invite] = await db
    .insert(invites)
    .values({ email, tokenHash: hashInviteToken(token), invitedBy, createdAt: now, expiresAt: new Date(now.getTime() + INVITE_TTL_MS) })
    .returning();
  const appUrl = (opts.appUrl ?? env.APP_URL).replace(/\/+$/, "");
  const url = `${appUrl}/sign-up?token=${token}`;

  const mail = renderInviteEmail({ url, expiresAt: invite.expiresAt, appUrl });
  try {
    await sendMail({ to: email, ...mail }, opts.transport);
    return { invite, token, url };
  } catch (err) {
    const mailError = err instanceof Error ? err.message : String(err);
    log.warn({ inviteId: invite.id, err: mailError }, "invite created but its email could not be sent");
    return { invite, token, url, mailError };
  }
});
