import type IORedis from "ioredis";
import type { Db } from "@/lib/db/client";
import type { Logger } from "@/lib/log";

/** What every worker module gets from the process: its identity and shared connections. */
export type WorkerContext = {
  instanceId: string;
  region: string;
  concurrency: number;
  db: Db;
  /** Factory for BullMQ connections (maxRetriesPerRequest: null). */
  connection: () => IORedis;
  /** A plain shared connection for simple commands. */
  redis: IORedis;
  log: Logger;
};

/** A unit of the worker process (checks, scheduler, alert delivery, …), started and stopped in order. */
export type WorkerModule = {
  name: string;
  start(ctx: WorkerContext): Promise<{ close(): Promise<void> }>;
};
