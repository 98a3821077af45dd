import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";
import { ALERT_CHANNEL_TYPES, ALERT_EVENTS, OUTBOX_STATUSES } from "./enums";
import { incidents } from "./incidents";
import { monitors } from "./monitors";

export const alertChannels = pgTable(
  "alert_channels",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    type: text({ enum: ALERT_CHANNEL_TYPES }).notNull().default("email"),
    name: text().notNull().default(""),
    // Address, URL, chat id or topic URL, by type; "" for pagerduty (its routing key is a secret).
    target: text().notNull(),
    // Type-specific settings that may be shown (webhook headers …).
    config: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    // Write-only: webhook signing secret, bot token, routing key, ntfy token. Never returned or logged.
    secrets: jsonb().$type<Record<string, string>>().notNull().default({}),
    // Email addresses receive alerts only once confirmed through the emailed link; other types are true.
    verified: boolean().notNull().default(true),
    verifyTokenHash: text(),
    verifySentAt: timestamp({ withTimezone: true }),
    // Empty means every monitor of the workspace.
    monitorIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    muted: boolean().notNull().default(false),
    lastDeliveryAt: timestamp({ withTimezone: true }),
    lastError: text(),
    lastErrorAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId)],
);

/** Written in the same transaction as the incident change, delivered later by the fleet. */
export const alertOutbox = pgTable(
  "alert_outbox",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    incidentId: uuid().references(() => incidents.id, { onDelete: "cascade" }),
    // For events without an incident (certificate expiry, maintenance).
    monitorId: uuid().references(() => monitors.id, { onDelete: "cascade" }),
    channelId: uuid()
      .notNull()
      .references(() => alertChannels.id, { onDelete: "cascade" }),
    event: text({ enum: ALERT_EVENTS }).notNull(),
    // (incident, channel, event): the unique key that makes a second email for the same thing impossible.
    idempotencyKey: text().notNull().unique(),
    status: text({ enum: OUTBOX_STATUSES }).notNull().default("pending"),
    attempts: integer().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    claimedAt: timestamp({ withTimezone: true }),
    sentAt: timestamp({ withTimezone: true }),
    lastError: text(),
    payload: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // Serves the delivery sweep: pending rows whose time has come.
  (t) => [
    index("alert_outbox_due_idx")
      .on(t.nextAttemptAt)
      .where(sql`${t.status} in ('pending', 'sending')`),
    // Serves retention (delete finished rows older than N days) and a channel's last deliveries.
    index().on(t.createdAt),
  ],
);

export type AlertChannel = typeof alertChannels.$inferSelect;
export type AlertOutboxRow = typeof alertOutbox.$inferSelect;
