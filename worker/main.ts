import os from "node:os";
import { randomBytes } from "node:crypto";
import { closeDb, db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { createQueueConnection } from "@/lib/queue/connection";
import { closeRedis, ioredis } from "@/lib/redis/client";
import type { WorkerContext } from "./context";
import { browserLaneVerdict, workerModules } from "./registry";

const SHUTDOWN_TIMEOUT_MS = 20_000;

async function main() {
  const ctx: WorkerContext = {
    instanceId: `${os.hostname()}-${process.pid}-${randomBytes(3).toString("hex")}`,
    region: env.WORKER_REGION,
    concurrency: env.WORKER_CONCURRENCY,
    db,
    connection: createQueueConnection,
    redis: ioredis(),
    log: log.child({ region: env.WORKER_REGION }),
  };
  if (!browserLaneVerdict.runs && browserLaneVerdict.problem) ctx.log.error(browserLaneVerdict.problem);
  const started: { name: string; close(): Promise<void> }[] = [];
  for (const mod of workerModules) {
    started.push({ name: mod.name, ...(await mod.start(ctx)) });
    ctx.log.info({ module: mod.name }, "module started");
  }
  ctx.log.info({ instanceId: ctx.instanceId, modules: started.map((m) => m.name) }, "worker ready");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    ctx.log.info({ signal }, "shutting down");
    const timer = setTimeout(() => {
      ctx.log.error("shutdown timed out; exiting");
      process.exit(1);
    }, SHUTDOWN_TIMEOUT_MS);
    for (const m of started.reverse()) await m.close().catch((err) => ctx.log.error({ err, module: m.name }, "close failed"));
    await Promise.allSettled([closeDb(), closeRedis()]);
    clearTimeout(timer);
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

// Crash rather than limp on: the supervisor restarts us and BullMQ hands our jobs to another worker.
process.on("unhandledRejection", (err) => {
  log.fatal({ err }, "unhandled rejection");
  process.exit(1);
});
process.on("uncaughtException", (err) => {
  log.fatal({ err }, "uncaught exception");
  process.exit(1);
});

void main();
