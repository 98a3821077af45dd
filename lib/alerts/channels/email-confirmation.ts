import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, sql } from "drizzle-orm";
import type { Transporter } from "nodemailer";
import { verb } from "../../context";
import type { Db, Tx } from "../../db/client";
import { alertChannels, memberships, users, workspaces, type AlertChannel } from "../../db/schema";
import { env } from "../../env";
import { NotFoundError, ValidationError } from "../../errors";
import { log } from "../../log";
import { sendMail } from "../../mail/transport";
import { kv, key } from "../../redis/client";
import { enforceRateLimits } from "../../redis/rate-limit";
import { renderConfirmationEmail } from "./confirmation-email";
import { findChannelOrThrow } from "./get";

/**
 * An email channel receives alerts only once its address has confirmed, so one account can't aim
 * Vigil's mail at arbitrary people. Members' own addresses are trusted as they are (they signed in
 * with them). The link carries a random token; only its sha256 is stored, and it lasts 7 days.
 */
export const CONFIRM_TTL_MS = 7 * 24 * 3600_000;
// Per address: a resend now and then; per workspace: enough for a team, too few to spam with.
const PER_CHANNEL = { limit: 3, windowSeconds: 3600 };
const PER_WORKSPACE = { limit: 20, windowSeconds: 3600 };

export type MailOptions = { transport?: Transporter; appUrl?: string; now?: Date };

export const hashConfirmToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function isMemberAddress(db: Db | Tx, workspaceId: string, email: string): Promise<boolean> {
  const [row] = await db
    .select({ id: users.id })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.workspaceId, workspaceId), sql`lower(${users.email}) = ${email.toLowerCase()}`))
    .limit(1);
  return !!row;
}

/** Counts one confirmation email against the workspace (and the channel, once it exists); 429 past either. */
export async function limitConfirmationEmails(workspaceId: string, channelId?: string): Promise<void> {
  const buckets = [{ key: key("rl", "alert-confirm", "ws", workspaceId), rule: PER_WORKSPACE }];
  if (channelId) buckets.push({ key: key("rl", "alert-confirm", "ch", channelId), rule: PER_CHANNEL });
  await enforceRateLimits(kv(), buckets);
}

/** Fresh token columns for an unconfirmed address; the token itself goes only into the email. */
export function newConfirmation(now = new Date()) {
  const token = randomBytes(32).toString("base64url");
  return { token, columns: { verified: false, verifyTokenHash: hashConfirmToken(token), verifySentAt: now } };
}

/** Emails the link. A mail failure is logged, not thrown: the channel stays unconfirmed and can be resent. */
export async function sendConfirmationEmail(db: Db | Tx, channel: AlertChannel, token: string, opts: MailOptions = {}): Promise<{ sent: boolean }> {
  const appUrl = (opts.appUrl ?? env.APP_URL).replace(/\/+$/, "");
  const [ws] = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, channel.workspaceId));
  const mail = renderConfirmationEmail({ url: `${appUrl}/alerts/confirm/${token}`, workspaceName: ws?.name ?? "Vigil", appUrl });
  try {
    await sendMail({ to: channel.target, ...mail }, opts.transport);
    return { sent: true };
  } catch (err) {
    log.warn({ channelId: channel.id, err: err instanceof Error ? err.message : String(err) }, "alert channel confirmation email could not be sent");
    return { sent: false };
  }
}

/** "Resend": a new link (the old one stops working), rate-limited per address and workspace. */
export const resendEmailConfirmation = verb("admin", async (ctx, id: string, opts: MailOptions = {}): Promise<{ sent: boolean }> => {
  const channel = await findChannelOrThrow(ctx.db, ctx.workspaceId, id);
  if (channel.type !== "email" || channel.verified) throw new ValidationError("This channel needs no confirmation");
  await limitConfirmationEmails(ctx.workspaceId, channel.id);
  const { token, columns } = newConfirmation(opts.now);
  const [row] = await ctx.db.update(alertChannels).set(columns).where(eq(alertChannels.id, channel.id)).returning();
  return sendConfirmationEmail(ctx.db, row, token, opts);
});

/** What the public confirmation page shows before the button is pressed; null for an unknown or used link. */
export async function findEmailConfirmation(
  db: Db,
  token: string,
  now = new Date(),
): Promise<{ target: string; workspaceName: string; expired: boolean } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const [row] = await db
    .select({ target: alertChannels.target, sentAt: alertChannels.verifySentAt, workspaceName: workspaces.name })
    .from(alertChannels)
    .innerJoin(workspaces, eq(workspaces.id, alertChannels.workspaceId))
    .where(and(eq(alertChannels.verifyTokenHash, hashConfirmToken(token)), eq(alertChannels.verified, false)));
  if (!row) return null;
  return { target: row.target, workspaceName: row.workspaceName, expired: !row.sentAt || now.getTime() - row.sentAt.getTime() > CONFIRM_TTL_MS };
}

/**
 * Confirms the address behind a link: one conditional update, so the link works once (a second press,
 * or a race of two, finds nothing). Public: the token is the proof, no session needed. Called on POST
 * only, so a mail scanner fetching the link confirms nothing.
 */
export async function confirmEmailChannel(db: Db, token: string, now = new Date()): Promise<{ target: string }> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new NotFoundError("Confirmation link");
  const [row] = await db
    .update(alertChannels)
    .set({ verified: true, verifyTokenHash: null, updatedAt: now })
    .where(
      and(
        eq(alertChannels.verifyTokenHash, hashConfirmToken(token)),
        eq(alertChannels.verified, false),
        gt(alertChannels.verifySentAt, new Date(now.getTime() - CONFIRM_TTL_MS)),
      ),
    )
    .returning({ target: alertChannels.target });
  if (!row) throw new NotFoundError("Confirmation link");
  return row;
}
