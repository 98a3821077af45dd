import { randomUUID } from "node:crypto";
import { and, eq, isNull, lt, or } from "drizzle-orm";
import { z } from "zod";
import type { Db } from "../../db/client";
import { statusPages, statusPageSubscribers, subscriberOutbox } from "../../db/schema";
import { NotFoundError, parseOrThrow } from "../../errors";
import { bucketId, enforceRateLimits, hitRateLimit } from "../../redis/rate-limit";
import { key, kv } from "../../redis/client";
import { confirmUrl, hashToken, newConfirmToken, unsubscribeToken } from "./tokens";

export const SubscribeInput = z.object({ email: z.string().trim().toLowerCase().max(254, "At most 254 characters").email("Enter an email address") });

// A visitor subscribes once or twice; a flood from one address is refused (429).
export const SUBSCRIBE_PER_IP = { limit: 10, windowSeconds: 600 };
// However often an address is entered, it gets at most a few confirmation emails (silently: same answer).
const CONFIRM_EMAILS_PER_ADDRESS = { limit: 3, windowSeconds: 3600 };
const RESEND_AFTER_MS = 60_000;

/**
 * The public subscribe form. Always the same outcome for the caller (the answer never says whether the
 * address was already subscribed); only a new or still unconfirmed address gets a confirmation email,
 * written to the subscriber outbox in the same transaction (sent by the fleet, never from the request).
 */
export async function subscribe(db: Db, input: { slug: string; email: unknown; ip: string; now?: Date }): Promise<void> {
  await enforceRateLimits(kv(), [{ key: key("rl", "subscribe", "ip", bucketId(input.ip)), rule: SUBSCRIBE_PER_IP }]);
  const [page] = await db.select().from(statusPages).where(eq(statusPages.slug, input.slug));
  if (!page || !page.subscribersEnabled) throw new NotFoundError("Status page");
  const { email } = parseOrThrow(SubscribeInput, { email: input.email });
  const now = input.now ?? new Date();
  const addressLimit = await hitRateLimit(kv(), key("rl", "subscribe", "address", bucketId(page.id, email)), CONFIRM_EMAILS_PER_ADDRESS);
  if (!addressLimit.allowed) return;
  const token = newConfirmToken();
  await db.transaction(async (tx) => {
    const id = randomUUID();
    await tx
      .insert(statusPageSubscribers)
      .values({ id, statusPageId: page.id, workspaceId: page.workspaceId, email, unsubscribeTokenHash: hashToken(unsubscribeToken(id)) })
      .onConflictDoNothing();
    // New, or unconfirmed and not mailed within the last minute: (re)issue the token. A confirmed one: nothing.
    const [sub] = await tx
      .update(statusPageSubscribers)
      .set({ confirmTokenHash: hashToken(token), confirmSentAt: now })
      .where(
        and(
          eq(statusPageSubscribers.statusPageId, page.id),
          eq(statusPageSubscribers.email, email),
          isNull(statusPageSubscribers.confirmedAt),
          or(isNull(statusPageSubscribers.confirmSentAt), lt(statusPageSubscribers.confirmSentAt, new Date(now.getTime() - RESEND_AFTER_MS))),
        ),
      )
      .returning({ id: statusPageSubscribers.id });
    if (!sub) return;
    await tx.insert(subscriberOutbox).values({
      workspaceId: page.workspaceId,
      statusPageId: page.id,
      subscriberId: sub.id,
      kind: "confirm",
      idempotencyKey: `confirm:${sub.id}:${hashToken(token)}`,
      // The raw link lives here until sent, then is blanked (deliver.ts).
      payload: {
        subject: `Confirm your subscription to ${page.title}`,
        text: `Someone (hopefully you) asked to get emails about ${page.title}.\n\nConfirm: ${confirmUrl(page.slug, token)}\n\nIf it wasn't you, ignore this email: nothing will be sent without a confirmation.`,
        secret: true,
      },
    });
  });
}

/** The emailed link: single-use (the hash is cleared by the conditional update); null when unknown or used. */
export async function confirmSubscription(db: Db, token: string, now = new Date()): Promise<{ slug: string } | null> {
  if (!token || token.length > 200) return null;
  const [sub] = await db
    .update(statusPageSubscribers)
    .set({ confirmedAt: now, confirmTokenHash: null })
    .where(and(eq(statusPageSubscribers.confirmTokenHash, hashToken(token)), isNull(statusPageSubscribers.confirmedAt)))
    .returning({ pageId: statusPageSubscribers.statusPageId });
  if (!sub) return null;
  const [page] = await db.select({ slug: statusPages.slug }).from(statusPages).where(eq(statusPages.id, sub.pageId));
  return page ?? null;
}

/** One-click unsubscribe (link or List-Unsubscribe-Post): deletes the subscriber; idempotent. */
export async function unsubscribe(db: Db, token: string): Promise<boolean> {
  if (!token || token.length > 200) return false;
  const rows = await db
    .delete(statusPageSubscribers)
    .where(eq(statusPageSubscribers.unsubscribeTokenHash, hashToken(token)))
    .returning({ id: statusPageSubscribers.id });
  return rows.length > 0;
}
