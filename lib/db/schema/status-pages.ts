import { index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";
import { monitors } from "./monitors";

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
