import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";
import { OUTBOX_STATUSES, SUBSCRIBER_EMAIL_KINDS } from "./enums";
import { statusPages } from "./status-pages";

export const statusPageSubscribers = pgTable(
  "status_page_subscribers",
  {
    id: uuid().primaryKey().defaultRandom(),
    statusPageId: uuid()
      .notNull()
      .references(() => statusPages.id, { onDelete: "cascade" }),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    // Stored lower-cased.
    email: text().notNull(),
    // Null until the emailed link is followed; only confirmed subscribers get emails.
    confirmedAt: timestamp({ withTimezone: true }),
    // SHA-256 of the single-use confirmation token; cleared when used.
    confirmTokenHash: text(),
    confirmSentAt: timestamp({ withTimezone: true }),
    // SHA-256 of the unsubscribe token. The token is an HMAC of the subscriber id under AUTH_SECRET, so every
    // email can carry it without storing it; the hash finds the row from the link alone.
    unsubscribeTokenHash: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // One subscription per address and page: a second subscribe finds the row instead of adding one.
    uniqueIndex().on(t.statusPageId, t.email),
    uniqueIndex().on(t.confirmTokenHash),
    uniqueIndex().on(t.unsubscribeTokenHash),
  ],
);

/**
 * Emails to subscribers, written in the transaction that caused them and sent by the fleet: the same
 * conditional claim as alert_outbox (pending → sending with claimedAt; a stale claim is taken over).
 */
export const subscriberOutbox = pgTable(
  "subscriber_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    statusPageId: uuid()
      .notNull()
      .references(() => statusPages.id, { onDelete: "cascade" }),
    subscriberId: uuid()
      .notNull()
      .references(() => statusPageSubscribers.id, { onDelete: "cascade" }),
    kind: text({ enum: SUBSCRIBER_EMAIL_KINDS }).notNull(),
    // (subscriber, thing, kind): a second email about the same thing is impossible.
    idempotencyKey: text().notNull().unique(),
    status: text({ enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp({ withTimezone: true }),
    sentAt: timestamp({ withTimezone: true }),
    lastError: text(),
    // What the email says (subject, text, links); tokens in it are blanked once sent.
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Serves the delivery sweep: rows whose time has come.
    index("subscriber_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'sending')`),
    // Serves retention.
    index().on(t.createdAt),
  ],
);

export type StatusPageSubscriber = typeof statusPageSubscribers.$inferSelect;
export type SubscriberOutboxRow = typeof subscriberOutbox.$inferSelect;
