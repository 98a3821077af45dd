import { integer, jsonb, pgTable, text, timestamp } from "drizzle-orm/pg-core";

export type WorkerStats = {
  cpuPercent: number;
  rssBytes: number;
  heapUsedBytes: number;
  processed: number;
  failed: number;
  avgMs: number;
  p95Ms: number;
  lagP95Ms?: number;
  lagP50Ms?: number;
  // Checks whose target failed (processed/failed count jobs; failed = jobs that threw).
  checksFailed?: number;
  checksPerMinute?: number;
  // Runs the region's browser lane (started with WORKER_BROWSER=true); absent in rows from older workers.
  browser?: boolean;
};

export const workerInstances = pgTable("worker_instances", {
  id: text().primaryKey(),
  host: text().notNull(),
  pid: integer().notNull(),
  region: text().notNull(),
  version: text().notNull(),
  concurrency: integer().notNull(),
  startedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  lastHeartbeatAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  stats: jsonb().$type<WorkerStats>(),
});

export type WorkerInstance = typeof workerInstances.$inferSelect;
