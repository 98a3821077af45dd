import { sql } from "drizzle-orm";
import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";
import { STATUS_PAGE_INCIDENT_IMPACTS, STATUS_PAGE_INCIDENT_STATUSES } from "./enums";
import { statusPages } from "./status-pages";

/** An incident written by people on a status page (the automatic ones live in `incidents`). */
export const statusPageIncidents = pgTable(
  "status_page_incidents",
  {
    id: uuid().primaryKey().defaultRandom(),
    statusPageId: uuid()
      .notNull()
      .references(() => statusPages.id, { onDelete: "cascade" }),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    title: text().notNull(),
    impact: text({ enum: STATUS_PAGE_INCIDENT_IMPACTS }).notNull(),
    // The status of the latest update, kept here so lists need not read the updates.
    status: text({ enum: STATUS_PAGE_INCIDENT_STATUSES }).notNull(),
    // Affected services: monitors listed on the page.
    monitorIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    // Automatic incidents this one explains (shown under it instead of on their own).
    linkedIncidentIds: uuid()
      .array()
      .notNull()
      .default(sql`'{}'::uuid[]`),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    resolvedAt: timestamp({ withTimezone: true }),
  },
  // Serves the page's incident list and its public history, newest first.
  (t) => [index().on(t.statusPageId, t.createdAt.desc())],
);

export const statusPageIncidentUpdates = pgTable(
  "status_page_incident_updates",
  {
    id: uuid().primaryKey().defaultRandom(),
    incidentId: uuid()
      .notNull()
      .references(() => statusPageIncidents.id, { onDelete: "cascade" }),
    status: text({ enum: STATUS_PAGE_INCIDENT_STATUSES }).notNull(),
    // Markdown-lite source; rendered escaped (lib/status-pages/incidents/markdown-lite.ts).
    message: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  // Serves an incident's timeline.
  (t) => [index().on(t.incidentId, t.createdAt)],
);

export type StatusPageIncident = typeof statusPageIncidents.$inferSelect;
export type StatusPageIncidentUpdate = typeof statusPageIncidentUpdates.$inferSelect;
