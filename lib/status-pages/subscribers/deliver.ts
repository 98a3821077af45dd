import { and, eq, sql } from "drizzle-orm";
import type { Transporter } from "nodemailer";
import { isPermanentSmtpError } from "../../alerts/deliver";
import type { Db } from "../../db/client";
import { statusPages, statusPageSubscribers, subscriberOutbox } from "../../db/schema";
import { sendMail } from "../../mail/transport";
import { escapeHtml } from "../incidents/markdown-lite";
import { pageUrl, unsubscribeUrl } from "./tokens";

const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 8;

type Claimed = { id: string; statusPageId: string; subscriberId: string; kind: string; attempts: number; payload: Record<string, unknown> };

/** The alert outbox's conditional claim (lib/alerts/deliver.ts): pending and due, or a dead sender's lease. */
async function claimDue(db: Db, limit: number): Promise<Claimed[]> {
  return (await db.execute(sql`
    update subscriber_outbox set status = 'sending', claimed_at = now(), attempts = attempts + 1
    where id in (
      select id from subscriber_outbox
      where (status = 'pending' and next_attempt_at <= now())
         or (status = 'sending' and claimed_at < now() - ${`${LEASE_MS} milliseconds`}::interval)
      order by next_attempt_at
      limit ${limit}
      for update skip locked)
    returning id, status_page_id as "statusPageId", subscriber_id as "subscriberId", kind, attempts, payload`)) as unknown as Claimed[];
}

/**
 * One pass: claim due subscriber emails and send them. Every email but the confirmation itself carries a
 * one-click unsubscribe link and the List-Unsubscribe / List-Unsubscribe-Post headers (RFC 8058), and only
 * goes to a subscriber still confirmed at send time. A confirmation's link is blanked once sent.
 */
export async function deliverSubscriberEmails(db: Db, opts: { transport?: Transporter; limit?: number } = {}): Promise<number> {
  const rows = await claimDue(db, opts.limit ?? 50);
  for (const row of rows) {
    const [target] = await db
      .select({ email: statusPageSubscribers.email, confirmedAt: statusPageSubscribers.confirmedAt, slug: statusPages.slug, title: statusPages.title })
      .from(statusPageSubscribers)
      .innerJoin(statusPages, eq(statusPages.id, statusPageSubscribers.statusPageId))
      .where(eq(statusPageSubscribers.id, row.subscriberId));
    const mark = (set: Partial<typeof subscriberOutbox.$inferInsert>) =>
      db
        .update(subscriberOutbox)
        .set(set)
        .where(and(eq(subscriberOutbox.id, row.id), eq(subscriberOutbox.attempts, row.attempts)));
    const confirm = row.kind === "confirm";
    if (!target || (!confirm && !target.confirmedAt)) {
      await mark({ status: "failed", lastError: "subscriber gone or unconfirmed" });
      continue;
    }
    const p = row.payload as { subject: string; text: string; html?: string };
    const unsub = unsubscribeUrl(target.slug, row.subscriberId);
    const footer = confirm
      ? ""
      : `\n\n—\nYou get this because you subscribed to ${target.title} (${pageUrl(target.slug)}).\nUnsubscribe with one click: ${unsub}`;
    const html = p.html
      ? `${p.html}${confirm ? "" : `<hr><p style="color:#64748b;font-size:12px">You get this because you subscribed to <a href="${escapeHtml(pageUrl(target.slug))}">${escapeHtml(target.title)}</a>. <a href="${escapeHtml(unsub)}">Unsubscribe</a></p>`}`
      : undefined;
    try {
      await sendMail(
        {
          to: target.email,
          subject: p.subject,
          text: `${p.text}${footer}`,
          html,
          headers: confirm ? {} : { "List-Unsubscribe": `<${unsub}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
        },
        opts.transport,
      );
      await mark({
        status: "sent",
        sentAt: new Date(),
        lastError: null,
        ...(confirm ? { payload: { subject: p.subject, text: "(sent; link removed)" } } : {}),
      });
    } catch (err) {
      const permanent = isPermanentSmtpError(err) || row.attempts >= MAX_ATTEMPTS;
      const message = err instanceof Error ? err.message.slice(0, 300) : "send failed";
      await mark({
        status: permanent ? "failed" : "pending",
        lastError: message,
        nextAttemptAt: new Date(Date.now() + Math.min(600_000, 5000 * 2 ** row.attempts)),
      });
    }
  }
  return rows.length;
}
