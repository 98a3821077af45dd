import { boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";
import { STATUS_PAGE_THEMES } from "./enums";
import { monitors } from "./monitors";

export type FooterLink = { label: string; url: string };

export const statusPages = pgTable(
  "status_pages",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    slug: text().notNull().unique(),
    title: text().notNull(),
    description: text(),
    // A host name (status.example.com) the web server answers with this page; unique across all pages.
    customDomain: text().unique(),
    theme: text({ enum: STATUS_PAGE_THEMES }).notNull().default("auto"),
    // "#rrggbb"; null = the default accent.
    accentColor: text(),
    logoUrl: text(),
    footerLinks: jsonb().$type<FooterLink[]>().notNull().default([]),
    hidePoweredBy: boolean().notNull().default(false),
    // Incidents the monitors open by themselves are shown beside the posted ones unless turned off.
    showAutomaticIncidents: boolean().notNull().default(true),
    subscribersEnabled: boolean().notNull().default(false),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index().on(t.workspaceId)],
);

export const statusPageMonitors = pgTable(
  "status_page_monitors",
  {
    statusPageId: uuid()
      .notNull()
      .references(() => statusPages.id, { onDelete: "cascade" }),
    monitorId: uuid()
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    displayName: text().notNull(),
    groupName: text(),
    position: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.statusPageId, t.monitorId] })],
);

export type StatusPage = typeof statusPages.$inferSelect;
export type StatusPageMonitor = typeof statusPageMonitors.$inferSelect;
