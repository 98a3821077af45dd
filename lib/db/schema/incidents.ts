import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";
import { INCIDENT_STATUSES } from "./enums";
import { monitors } from "./monitors";

export const incidents = pgTable(
  "incidents",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    monitorId: uuid()
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    status: text({ enum: INCIDENT_STATUSES }).notNull().default("open"),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp({ withTimezone: true }),
    cause: text().notNull(),
    regions: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    statusCode: integer(),
    errorClass: text(),
    // The failing check that confirmed the incident (for its page: status, headers, first bytes).
    openingCheckId: bigint({ mode: "number" }),
    details: jsonb().$type<Record<string, unknown>>().notNull().default({}),
    // "I'm on it": stops reminders. Who: {kind, id, label} of the actor (lib/context.ts).
    acknowledgedAt: timestamp({ withTimezone: true }),
    acknowledgedBy: jsonb().$type<{ kind: string; id: string; label: string }>(),
    // Reminders sent so far ("still down" every monitors.remind_every_minutes while open and unacknowledged).
    remindersSent: integer().notNull().default(0),
    lastRemindedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // Exactly one open incident per monitor, whatever the concurrency: the loser of a race gets a conflict.
    uniqueIndex("incidents_one_open_per_monitor")
      .on(t.monitorId)
      .where(sql`${t.status} = 'open'`),
    // Serves the workspace incident list (open first, newest first) and the monitor page.
    index().on(t.workspaceId, t.startedAt.desc()),
    index().on(t.monitorId, t.startedAt.desc()),
  ],
);

export type Incident = typeof incidents.$inferSelect;
