import { sql } from "drizzle-orm";
import { bigint, boolean, index, integer, jsonb, pgTable, primaryKey, real, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { CHECK_ERROR_CLASSES } from "./enums";
import { monitors } from "./monitors";

export const checkResults = pgTable(
  "check_results",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    monitorId: uuid()
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    region: text().notNull(),
    // The slot the scheduler planned; startedAt - scheduledAt is the schedule lag.
    scheduledAt: timestamp({ withTimezone: true }),
    startedAt: timestamp({ withTimezone: true }).notNull(),
    ok: boolean().notNull(),
    statusCode: integer(),
    latencyMs: integer(),
    dnsMs: real(),
    connectMs: real(),
    tlsMs: real(),
    ttfbMs: real(),
    totalMs: real(),
    errorClass: text({ enum: CHECK_ERROR_CLASSES }),
    error: text(),
    tlsExpiresAt: timestamp({ withTimezone: true }),
    // First bytes and headers of a failing response, for the incident page.
    responseSnippet: text(),
    responseHeaders: text(),
    // What the kind wants kept with the result (a DNS check's answers, a failed assertion's expected and
    // actual value), shown on the monitor page; small by construction (the kind caps it).
    detail: jsonb().$type<Record<string, unknown>>(),
  },
  (t) => [
    // Serves the monitor page's last checks and the API's newest-first paging.
    index().on(t.monitorId, t.startedAt.desc()),
    // Serves retention: delete everything older than N days.
    index().on(t.startedAt),
    // A slot is stored once per region, however often its job runs (BullMQ is at-least-once: a job whose
    // lock was lost in a Redis outage runs again). The writer skips the repeat (ON CONFLICT DO NOTHING).
    uniqueIndex("check_results_slot_once")
      .on(t.monitorId, t.region, t.scheduledAt)
      .where(sql`${t.scheduledAt} is not null`),
  ],
);

/** Hourly aggregates per monitor and region: charts over 24 h and more read these, never raw rows. */
export const checkRollupsHourly = pgTable(
  "check_rollups_hourly",
  {
    monitorId: uuid()
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    region: text().notNull(),
    bucket: timestamp({ withTimezone: true }).notNull(),
    checks: integer().notNull().default(0),
    okChecks: integer().notNull().default(0),
    latencySumMs: bigint({ mode: "number" }).notNull().default(0),
    latencyMaxMs: integer().notNull().default(0),
    dnsSumMs: real().notNull().default(0),
    connectSumMs: real().notNull().default(0),
    tlsSumMs: real().notNull().default(0),
    ttfbSumMs: real().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.region, t.bucket] })],
);

export const checkRollupsDaily = pgTable(
  "check_rollups_daily",
  {
    monitorId: uuid()
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    region: text().notNull(),
    bucket: timestamp({ withTimezone: true }).notNull(),
    checks: integer().notNull().default(0),
    okChecks: integer().notNull().default(0),
    latencySumMs: bigint({ mode: "number" }).notNull().default(0),
    latencyMaxMs: integer().notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.region, t.bucket] })],
);

/** Latest result per monitor and region: what the incident logic compares across regions. */
export const monitorRegionState = pgTable(
  "monitor_region_state",
  {
    monitorId: uuid()
      .notNull()
      .references(() => monitors.id, { onDelete: "cascade" }),
    region: text().notNull(),
    ok: boolean().notNull(),
    checkedAt: timestamp({ withTimezone: true }).notNull(),
    consecutiveFailures: integer().notNull().default(0),
    consecutiveSuccesses: integer().notNull().default(0),
    lastError: text(),
    lastStatusCode: integer(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.monitorId, t.region] })],
);

/**
 * Progress of the incremental rollup (lib/rollups/run-rollup.ts): every check_results row with
 * id <= watermark is counted in the hourly and daily rollups exactly once. pendingUpto/pendingSnapshot
 * are the next horizon: ids up to pendingUpto are rolled up only once every transaction that was in
 * flight when the horizon was taken (pendingSnapshot, a pg_snapshot) has finished, so a row whose id
 * was taken early but committed late is never skipped.
 */
export const rollupState = pgTable("rollup_state", {
  name: text().primaryKey(),
  watermark: bigint({ mode: "number" }).notNull().default(0),
  pendingUpto: bigint({ mode: "number" }),
  pendingSnapshot: text(),
  pendingAt: timestamp({ withTimezone: true }),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type CheckResult = typeof checkResults.$inferSelect;
export type NewCheckResult = typeof checkResults.$inferInsert;
