import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";

export const waitlist = pgTable("waitlist", {
  id: uuid().primaryKey().defaultRandom(),
  email: text().notNull().unique(),
  name: text(),
  note: text(),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  invitedAt: timestamp({ withTimezone: true }),
});

export const invites = pgTable(
  "invites",
  {
    id: uuid().primaryKey().defaultRandom(),
    email: text().notNull(),
    // sha256 of the token in the sign-up link; the token itself is never stored.
    tokenHash: text().notNull().unique(),
    invitedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    usedAt: timestamp({ withTimezone: true }),
    usedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    revokedAt: timestamp({ withTimezone: true }),
  },
  // Serves the admin list of invites for one address.
  (t) => [index().on(t.email)],
);

export type WaitlistEntry = typeof waitlist.$inferSelect;
export type Invite = typeof invites.$inferSelect;
