import { bigint, customType, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { monitors } from "./monitors";

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

/**
 * A browser check's screenshot of a failing page (JPEG, ≤ 1 MiB), shown on the incident page. Only
 * failures keep one and each monitor keeps its newest few (the writer prunes on insert), so the table
 * stays small whatever the fleet does.
 */
export const checkScreenshots = pgTable(
  "check_screenshots",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    monitorId: uuid()
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    region: text().notNull(),
    takenAt: timestamp({ withTimezone: true }).notNull(),
    // The check's error, shown as the image's caption.
    error: text(),
    image: bytea().notNull(),
  },
  // Serves the incident page (a monitor's screenshots in a time span) and the newest-N pruning.
  (t) => [index().on(t.monitorId, t.takenAt.desc())],
);

export type CheckScreenshot = typeof checkScreenshots.$inferSelect;
