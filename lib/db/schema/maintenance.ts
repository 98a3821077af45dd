import { sql } from "drizzle-orm";
import { index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";

export type MaintenanceRecurrence = { cron: string; timezone: string; durationMinutes: number };

export const maintenanceWindows = pgTable(
  "maintenance_windows",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    title: text().notNull(),
    description: text(),
    // Monitors of the same workspace (checked by the verbs); a deleted monitor just stops matching.
    monitorIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    // One-off: the window itself. Recurring: occurrences start at the cron's times within [startsAt, endsAt]
    // and last recurrence.durationMinutes each.
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    recurrence: jsonb().$type<MaintenanceRecurrence>(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Serves the workspace's list, by start.
    index().on(t.workspaceId, t.startsAt),
    // Serves "which windows list this monitor" when a monitor's next occurrence is recomputed.
    index("maintenance_windows_monitor_ids_idx").using("gin", t.monitorIds),
  ],
);

/**
 * One row per occurrence that has begun: inserting it (ON CONFLICT DO NOTHING) claims the
 * maintenance.started notification, and the conditional update that sets endedAt claims
 * maintenance.ended, so several sweeps running at once notify exactly once.
 */
export const maintenanceOccurrences = pgTable(
  "maintenance_occurrences",
  {
    windowId: uuid()
      .notNull()
      .references(() => maintenanceWindows.id, { onDelete: "cascade" }),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    endsAt: timestamp({ withTimezone: true }).notNull(),
    startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.windowId, t.startsAt] }),
    // Serves the sweep's "begun and not yet ended" read.
    index("maintenance_occurrences_open_idx")
      .on(t.endsAt)
      .where(sql`${t.endedAt} is null`),
  ],
);

export type MaintenanceWindow = typeof maintenanceWindows.$inferSelect;
export type MaintenanceOccurrence = typeof maintenanceOccurrences.$inferSelect;
