/** Test support for the worker fleet: targets, monitors, contexts, prefix isolation. Not collected by vitest. */
import http from "node:http";
import net, { type AddressInfo } from "node:net";
import { randomBytes } from "node:crypto";
import IORedis from "ioredis";
import { db as defaultDb, type Db } from "@/lib/db/client";
import { monitors, type NewMonitor } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { log } from "@/lib/log";
import { createQueueConnection } from "@/lib/queue/connection";
import { ioredis } from "@/lib/redis/client";
import { httpCheckRunner } from "@/lib/results/http-runner";
import type { WorkerContext } from "@/worker/context";

/**
 * Gives this test file a database of its own (before anything touched the db), so that schedulers,
 * which schedule every monitor they see, don't check other test files' monitors.
 */
export async function withOwnDatabase(label: string): Promise<{ url: string; cleanup: () => Promise<void> }> {
  const { createTestEnv, destroyTestEnv } = await import("@/tests/test-env");
  const t = await createTestEnv(label);
  const original = process.env.DATABASE_URL;
  env.DATABASE_URL = t.databaseUrl;
  process.env.DATABASE_URL = t.databaseUrl;
  return {
    url: t.databaseUrl,
    async cleanup() {
      // vitest reuses forks between files: the next file must find the run's database again.
      process.env.DATABASE_URL = original;
      if (original) env.DATABASE_URL = original;
      await destroyTestEnv(t);
    },
  };
}

/** Gives this test file its own Redis namespace (queues, streams, locks); returns a cleanup. */
export function isolatePrefix(label: string): { prefix: string; cleanup: () => Promise<void> } {
  const original = process.env.REDIS_PREFIX;
  const prefix = `${env.REDIS_PREFIX}-${label}-${randomBytes(3).toString("hex")}`;
  env.REDIS_PREFIX = prefix;
  process.env.REDIS_PREFIX = prefix;
  return {
    prefix,
    async cleanup() {
      process.env.REDIS_PREFIX = original;
      const r = new IORedis(env.REDIS_URL);
      let cursor = "0";
      do {
        const [next, keys] = await r.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 1000);
        cursor = next;
        if (keys.length) await r.unlink(...keys);
      } while (cursor !== "0");
      r.disconnect();
    },
  };
}

export type TargetMode = "up" | "down" | "slow" | "hang" | "down-eu";

/** A local HTTP target whose behaviour the test switches: up (200), down (503), slow (1.5 s), hang. */
export async function startTarget(initial: TargetMode = "up") {
  const state = { mode: initial as TargetMode, hits: 0 };
  const server = http.createServer((req, res) => {
    state.hits++;
    if (state.mode === "up") return res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    if (state.mode === "down") return res.writeHead(503, { "content-type": "text/plain" }).end("maintenance");
    // Fails for the eu region only (the engine's User-Agent names the region): a regional blip.
    if (state.mode === "down-eu") return res.writeHead(/region eu/.test(req.headers["user-agent"] ?? "") ? 503 : 200).end("regional");
    if (state.mode === "slow") return void setTimeout(() => res.writeHead(200).end("slow"), 1500);
    // hang: never answer
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  return {
    url,
    state,
    set(mode: TargetMode) {
      state.mode = mode;
    },
    close: () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
  };
}

/** The real HTTP engine, allowed to reach the loopback targets of the tests. */
export const testRunner = httpCheckRunner({ allowPrivate: true, appUrl: "http://vigil.test" });

export async function createMonitor(workspaceId: string, fields: Partial<NewMonitor> & { url: string }, db: Db = defaultDb) {
  const [m] = await db
    .insert(monitors)
    .values({ workspaceId, type: "http", name: `m-${randomBytes(3).toString("hex")}`, intervalSeconds: 60, timeoutSeconds: 5, ...fields })
    .returning();
  return m;
}

export function testContext(region: string, opts: { db?: Db; concurrency?: number; instanceId?: string } = {}): WorkerContext {
  return {
    instanceId: opts.instanceId ?? `test-${region}-${randomBytes(3).toString("hex")}`,
    region,
    concurrency: opts.concurrency ?? 20,
    db: opts.db ?? defaultDb,
    connection: createQueueConnection,
    redis: ioredis(),
    log: log.child({ region }),
  };
}

/** A TCP port free on loopback right now, for a process or server that must be told its port up front. */
export async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Polls until `fn` returns a truthy value (returned) or the deadline passes. */
export async function waitFor<T>(fn: () => Promise<T> | T, timeoutMs = 10_000, what = "condition"): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ""}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export { startTcpProxy } from "./tcp-proxy";
