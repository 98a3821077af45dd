import cluster from "node:cluster";
import { renameSync, writeFileSync } from "node:fs";
import { closeDb, db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createIngestServer, ingestStore } from "@/lib/heartbeats/server";
import { log } from "@/lib/log";
import { closeRedis } from "@/lib/redis/client";

/**
 * `npm run ingest`: the lean /ping server (node:http + lib/heartbeats/ingest.ts). Production routes
 * /ping/* here (see docs/architecture.md, "Heartbeats and alerts"); the Next route serves the same paths.
 * INGEST_WORKERS > 1 forks that many processes sharing the port (the ingest is stateless).
 */
function serve() {
  const stats = { dbLookups: 0 };
  const server = createIngestServer({ kv: ingestStore(), db: () => db, onDbQuery: () => stats.dbLookups++ });

  // A deep accept backlog: at the top of the hour thousands of cron jobs connect within the same second.
  // Loopback unless LISTEN_HOST says otherwise, like the web server and the workers' /metrics.
  server.listen(env.INGEST_PORT, env.LISTEN_HOST, 4096, () => {
    const addr = server.address();
    log.info({ host: env.LISTEN_HOST, port: typeof addr === "object" && addr ? addr.port : env.INGEST_PORT }, "ping ingest listening");
  });

  // The benchmark reads how many DB lookups the ingest path made (must stay 0 on a warm cache).
  if (process.env.INGEST_STATS_FILE) {
    const file = `${process.env.INGEST_STATS_FILE}.${process.pid}`;
    setInterval(() => {
      writeFileSync(`${file}.tmp`, JSON.stringify({ pid: process.pid, ...stats }));
      renameSync(`${file}.tmp`, file); // atomic: a reader never sees a half-written file
    }, 500).unref();
  }

  const shutdown = () => {
    server.close(() => void Promise.allSettled([closeDb(), closeRedis()]).then(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
    server.closeIdleConnections();
  };
  process.on("SIGTERM", shutdown);
  process.on("SIGINT", shutdown);
}

if (env.INGEST_WORKERS > 1 && cluster.isPrimary) {
  const workers = Array.from({ length: env.INGEST_WORKERS }, () => cluster.fork());
  // Crash-only: a dead ingest process is replaced at once.
  cluster.on("exit", (w, code) => {
    if (!stopping) {
      log.error({ pid: w.process.pid, code }, "ingest process died; forking a new one");
      workers.push(cluster.fork());
    }
  });
  let stopping = false;
  const stop = () => {
    stopping = true;
    for (const w of Object.values(cluster.workers ?? {})) w?.process.kill("SIGTERM");
    setTimeout(() => process.exit(0), 6000).unref();
    cluster.on("exit", () => Object.keys(cluster.workers ?? {}).length === 0 && process.exit(0));
  };
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
} else {
  serve();
}
