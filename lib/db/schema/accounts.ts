import { boolean, index, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { MEMBERSHIP_ROLES } from "./enums";

export const users = pgTable("users", {
  id: uuid().primaryKey().defaultRandom(),
  // Stored lower-cased; the unique index is what makes "duplicate email" a conflict, not a race.
  email: text().notNull().unique(),
  name: text(),
  passwordHash: text().notNull(),
  isAdmin: boolean().notNull().default(false),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type WorkspaceQuotas = Partial<
  Record<"monitors" | "minIntervalSeconds" | "regionsPerMonitor" | "alertChannels" | "statusPages" | "testSendsPerHour", number>
>;

export const workspaces = pgTable("workspaces", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  // An operator's per-workspace overrides of the env-configured quota defaults.
  quotas: jsonb().$type<WorkspaceQuotas>().notNull().default({}),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export const memberships = pgTable(
  "memberships",
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: text({ enum: MEMBERSHIP_ROLES }).notNull().default("owner"),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId] }),
    // Serves "which workspace is this user in" on every session lookup.
    index().on(t.userId),
  ],
);

export type User = typeof users.$inferSelect;
export type Workspace = typeof workspaces.$inferSelect;
export type Membership = typeof memberships.$inferSelect;
