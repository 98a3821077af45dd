import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { workspaces } from "./accounts";
import { HTTP_METHODS, KEYWORD_MODES, MONITOR_STATUSES, MONITOR_TYPES, PING_KINDS } from "./enums";

export type PauseRecord = { start: string; end: string | null };

export const monitors = pgTable(
  "monitors",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text().notNull(),
    type: text({ enum: MONITOR_TYPES }).notNull(),
    status: text({ enum: MONITOR_STATUSES }).notNull().default("pending"),
    paused: boolean().notNull().default(false),
    // Pauses of the last 100 days, oldest first; the open one (end null) is the current pause. Kept on the
    // row, not in a table, so every uptime figure gets it from the monitor row it already reads.
    pauseHistory: jsonb().$type<PauseRecord[]>().notNull().default([]),
    // The current or next maintenance occurrence of any window listing this monitor (overlaps merged),
    // kept by lib/maintenance (on every window change, and by its sweep as recurrences move on). On the
    // row so that the check path, which already reads it, knows "under maintenance" without a query.
    maintenanceStartsAt: timestamp({ withTimezone: true }),
    maintenanceEndsAt: timestamp({ withTimezone: true }),
    // Maintenance occurrences of the last 100 days, oldest first: left out of uptime like pauses.
    maintenanceHistory: jsonb().$type<PauseRecord[]>().notNull().default([]),
    // Alerts are muted without stopping checks.
    muted: boolean().notNull().default(false),
    // Repeat "still down" to the channels while an incident is open and unacknowledged; null = never.
    remindEveryMinutes: integer(),

    // The fields of kinds without columns of their own (tcp, dns, …), validated by the kind's zod schema
    // (lib/monitors/kinds/<kind>): a new kind needs no migration. http and heartbeat keep their columns.
    settings: jsonb().$type<Record<string, unknown>>().notNull().default({}),

    // http
    url: text(),
    method: text({ enum: HTTP_METHODS }).notNull().default("GET"),
    headers: jsonb().$type<Record<string, string>>().notNull().default({}),
    body: text(),
    intervalSeconds: integer().notNull().default(60),
    timeoutSeconds: integer().notNull().default(10),
    expectedStatus: text().notNull().default("200-299"),
    keyword: text(),
    keywordMode: text({ enum: KEYWORD_MODES }).notNull().default("present"),
    followRedirects: boolean().notNull().default(true),
    verifyTls: boolean().notNull().default(true),
    // A redirect from https to http is refused unless this is set.
    allowHttpDowngrade: boolean().notNull().default(false),
    // Days before a certificate's expiry at which one certificate.expiring alert is sent each.
    tlsExpiryAlertDays: integer()
      .array()
      .notNull()
      .default(sql`'{14,7,1}'::integer[]`),
    // The certificate last seen and the smallest threshold already alerted for it (a renewal resets it).
    tlsExpiresAt: timestamp({ withTimezone: true }),
    tlsAlertedDays: integer(),
    // Shared by every checked kind (http, tcp, dns, browser), like intervalSeconds and timeoutSeconds above;
    // failureThreshold also counts a heartbeat's missed or failed runs in a row.
    regions: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    failureThreshold: integer().notNull().default(1),
    recoveryThreshold: integer().notNull().default(1),

    // heartbeat
    pingToken: text().unique(),
    periodSeconds: integer(),
    graceSeconds: integer(),
    cron: text(),
    timezone: text(),
    lastPingAt: timestamp({ withTimezone: true }),
    lastPingKind: text({ enum: PING_KINDS }),
    runStartedAt: timestamp({ withTimezone: true }),
    // When the next ping is due at the latest (schedule + grace); null while paused or never pinged.
    deadlineAt: timestamp({ withTimezone: true }),

    // state kept by the workers
    lastCheckedAt: timestamp({ withTimezone: true }),
    lastLatencyMs: integer(),
    statusChangedAt: timestamp({ withTimezone: true }),
    consecutiveFailures: integer().notNull().default(0),
    consecutiveSuccesses: integer().notNull().default(0),

    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Serves the workspace's monitor list, newest first.
    index().on(t.workspaceId, t.createdAt),
    // Serves the heartbeat deadline sweep: only due, unpaused heartbeat monitors are read.
    index("monitors_deadline_idx")
      .on(t.deadlineAt)
      .where(sql`${t.deadlineAt} is not null and not ${t.paused}`),
  ],
);

export type Monitor = typeof monitors.$inferSelect;
export type NewMonitor = typeof monitors.$inferInsert;
