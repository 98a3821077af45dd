import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import type IORedis from "ioredis";

export type HealthReport = { status: "ok" | "degraded"; checks: Record<string, { ok: boolean; latencyMs: number; error?: string }> };

async function probe(fn: () => Promise<unknown>, timeoutMs: number) {
  const started = performance.now();
  try {
    await Promise.race([fn(), new Promise((_, reject) => setTimeout(() => reject(new Error("timed out")), timeoutMs))]);
    return { ok: true, latencyMs: Math.round(performance.now() - started) };
  } catch (err) {
    // The class of failure only: connection strings and credentials never reach a public endpoint.
    const message = err instanceof Error && err.message === "timed out" ? "timed out" : "unreachable";
    return { ok: false, latencyMs: Math.round(performance.now() - started), error: message };
  }
}

export async function checkHealth(deps: { db: Db; redis: IORedis }, timeoutMs = 2000): Promise<HealthReport> {
  const [postgres, redis] = await Promise.all([probe(() => deps.db.execute(sql`select 1`), timeoutMs), probe(() => deps.redis.ping(), timeoutMs)]);
  const checks = { postgres, redis };
  return { status: postgres.ok && redis.ok ? "ok" : "degraded", checks };
}
