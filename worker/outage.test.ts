import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq, inArray } from "drizzle-orm";
import { closeDb, db } from "@/lib/db/client";
import { checkResults, workerInstances, type Monitor } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { afterMonitorChange } from "@/lib/monitors/after-change";
import { closeRedis } from "@/lib/redis/client";
import { phaseMs } from "@/lib/scheduler/slots";
import { createTestUser } from "@/tests/factories";
import { createMonitor, isolatePrefix, startTarget, startTcpProxy, withOwnDatabase, waitFor } from "@/tests/helpers";

/**
 * A whole worker process (`worker/main.ts`: scheduler, checks, writer, cluster, alerts…) whose Postgres and
 * Redis connections go through TCP proxies the test cuts for 30 s each, as when a database fails over or
 * Redis restarts. The process must ride it out, and what it owes must still be done afterwards.
 */
const OUTAGE_MS = 30_000;
const INTERVAL_MS = 2_000;
const ownDb = await withOwnDatabase("outage");
const iso = isolatePrefix("outage");
const ROOT = path.resolve(import.meta.dirname, "..");
let target: Awaited<ReturnType<typeof startTarget>>;
let pg: Awaited<ReturnType<typeof startTcpProxy>>;
let redis: Awaited<ReturnType<typeof startTcpProxy>>;
let child: ChildProcess;
let watched: Monitor[];

beforeAll(async () => {
  target = await startTarget("up");
  pg = await startTcpProxy(Number(new URL(ownDb.url).port || 5432));
  redis = await startTcpProxy(Number(new URL(env.REDIS_URL).port || 6379));
  const childDb = new URL(ownDb.url);
  childDb.host = `127.0.0.1:${pg.port}`;
  const logTo = process.env.OUTAGE_TEST_LOG ? fs.openSync(process.env.OUTAGE_TEST_LOG, "w") : "ignore";
  // `node --import tsx`: one process, so the exit code seen here is the worker's own.
  child = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: childDb.toString(),
      REDIS_URL: `redis://127.0.0.1:${redis.port}`,
      REDIS_PREFIX: env.REDIS_PREFIX,
      WORKER_REGION: "eu",
      REGIONS: "eu",
      CHECKS_ALLOW_PRIVATE: "true",
      METRICS_PORT: "0",
      ...(process.env.OUTAGE_TEST_LOG ? { NODE_ENV: "development", LOG_LEVEL: "info" } : {}),
    },
    // OUTAGE_TEST_LOG=path keeps the worker's log (LOG_LEVEL=info) for looking into a failure.
    stdio: ["ignore", logTo, logTo],
  });
  await waitFor(async () => (await db.select().from(workerInstances).where(eq(workerInstances.pid, child.pid!))).length === 1, 30_000, "worker registered");
  const { workspaceId } = await createTestUser();
  watched = await Promise.all(
    [0, 1, 2].map(() => createMonitor(workspaceId, { url: target.url, intervalSeconds: INTERVAL_MS / 1000, timeoutSeconds: 1, regions: ["eu"] })),
  );
  for (const m of watched) await afterMonitorChange(m.id, "created");
  await waitFor(async () => (await slotsChecked()).every((s) => s.length >= 2), 20_000, "checks flowing");
}, 90_000);

afterAll(async () => {
  child?.kill("SIGKILL");
  await Promise.all([pg?.close(), redis?.close(), target?.close()]);
  await iso.cleanup();
  await closeRedis();
  await closeDb();
  await ownDb.cleanup();
});

/** Per watched monitor, the slots (scheduledAt) that have a stored result, in order. */
async function slotsChecked(): Promise<number[][]> {
  const rows = await db
    .select({ monitorId: checkResults.monitorId, scheduledAt: checkResults.scheduledAt })
    .from(checkResults)
    .where(
      inArray(
        checkResults.monitorId,
        watched.map((m) => m.id),
      ),
    );
  return watched.map((m) =>
    rows
      .filter((r) => r.monitorId === m.id && r.scheduledAt)
      .map((r) => r.scheduledAt!.getTime())
      .sort((a, b) => a - b),
  );
}

/** The slots a monitor is due in (from, to), from its stable phase. */
function dueSlots(m: Monitor, from: number, to: number): number[] {
  const phase = phaseMs(m.id, INTERVAL_MS);
  const out: number[] = [];
  for (let t = Math.ceil((from - phase) / INTERVAL_MS) * INTERVAL_MS + phase; t < to; t += INTERVAL_MS) if (t > from) out.push(t);
  return out;
}

async function outage(proxy: typeof pg): Promise<{ cutAt: number; restoredAt: number }> {
  proxy.cut();
  const cutAt = Date.now();
  await new Promise((r) => setTimeout(r, OUTAGE_MS));
  await proxy.restore();
  return { cutAt, restoredAt: Date.now() };
}

describe("a whole worker through 30 s outages", () => {
  it("Postgres away for 30 s: keeps checking on schedule and stores every slot once it is back", async () => {
    const { cutAt, restoredAt } = await outage(pg);
    expect(child.exitCode).toBeNull();
    await waitFor(async () => (await slotsChecked()).every((s) => s.some((t) => t > restoredAt + INTERVAL_MS)), 30_000, "results after the outage");
    const checked = await slotsChecked();
    for (const [i, m] of watched.entries()) {
      expect(new Set(checked[i]).size, "one result per slot").toBe(checked[i].length);
      // Every slot due while Postgres was away was checked then and stored afterwards: none lost.
      const due = dueSlots(m, cutAt + 1_000, restoredAt - 1_000);
      expect(due.length).toBeGreaterThanOrEqual(12);
      const lost = due.filter((t) => !checked[i].includes(t)).map((t) => ({ sinceCutMs: t - cutAt }));
      expect(lost, `outage ${restoredAt - cutAt} ms`).toEqual([]);
    }
  }, 90_000);

  it("Redis away for 30 s: reconnects, runs at most the latest missed slot, then stays on schedule", async () => {
    const { cutAt, restoredAt } = await outage(redis);
    expect(child.exitCode).toBeNull();
    await waitFor(async () => (await slotsChecked()).every((s) => s.filter((t) => t > restoredAt + INTERVAL_MS).length >= 3), 30_000, "back on schedule");
    const checked = await slotsChecked();
    for (const [i, m] of watched.entries()) {
      const twice = checked[i].filter((t, k) => checked[i][k - 1] === t).map((t) => ({ sinceCutMs: t - cutAt, sinceRestoreMs: t - restoredAt }));
      expect(twice, "slots stored twice").toEqual([]);
      // Without Redis nothing can be queued; afterwards the missed slots collapse into one, not a burst.
      const inside = checked[i].filter((t) => t > cutAt + 1_000 && t < restoredAt - 1_000);
      expect(inside.length).toBeLessThanOrEqual(1);
      const after = dueSlots(m, restoredAt + 10_000, Math.max(...checked[i]));
      expect(after.filter((t) => !checked[i].includes(t))).toEqual([]);
    }
  }, 90_000);
});
