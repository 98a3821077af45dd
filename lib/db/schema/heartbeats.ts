import { bigint, boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { PING_KINDS } from "./enums";
import { monitors } from "./monitors";

export const heartbeatPings = pgTable(
  "heartbeat_pings",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    monitorId: uuid()
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    receivedAt: timestamp({ withTimezone: true }).notNull(),
    kind: text({ enum: PING_KINDS }).notNull(),
    exitCode: integer(),
    durationMs: integer(),
    sourceIp: text(),
    userAgent: text(),
    body: text(),
    bodyTruncated: boolean().notNull().default(false),
    // Set by the ingest so that a ping written twice (a retried batch) is stored once.
    ingestId: text().unique(),
  },
  // Serves the last pings of a monitor, newest first.
  (t) => [index().on(t.monitorId, t.receivedAt.desc())],
);

export type HeartbeatPing = typeof heartbeatPings.$inferSelect;
