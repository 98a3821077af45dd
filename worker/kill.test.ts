import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { closeDb, db } from "@/lib/db/client";
import { checkResults, incidents, workerInstances } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { afterMonitorChange } from "@/lib/monitors/after-change";
import { closeRedis, ioredis, key } from "@/lib/redis/client";
import { createTestUser } from "@/tests/factories";
import { createChecksModule } from "./modules/checks";
import { createMonitor, isolatePrefix, startTarget, testContext, testRunner, withOwnDatabase, waitFor } from "@/tests/helpers";

const ownDb = await withOwnDatabase("kill");
const iso = isolatePrefix("kill");
const ROOT = path.resolve(import.meta.dirname, "..");
let target: Awaited<ReturnType<typeof startTarget>>;
let child: ChildProcess | null = null;
const running: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  target = await startTarget("hang");
});

afterAll(async () => {
  child?.kill("SIGKILL");
  for (const r of running) await r.close().catch(() => {});
  await target?.close();
  await iso.cleanup();
  await closeRedis();
  await closeDb();
  await ownDb.cleanup();
});

describe("a worker killed with SIGKILL mid-check", () => {
  it("has its check retried by another worker within the stalled interval: no lost check, one incident", async () => {
    const { workspaceId } = await createTestUser();
    // `tsx worker/main.ts` as one process (the tsx CLI would put a relay process in between).
    child = spawn(process.execPath, ["--import", "tsx", "worker/main.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: ownDb.url,
        REDIS_PREFIX: env.REDIS_PREFIX,
        WORKER_REGION: "eu",
        REGIONS: "eu",
        CHECKS_ALLOW_PRIVATE: "true",
        METRICS_PORT: "0",
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "inherit", "inherit"],
    });
    await waitFor(async () => (await db.select().from(workerInstances).where(eq(workerInstances.pid, child!.pid!))).length === 1, 30_000, "child registered");

    // The child's scheduler leads (and follows the change stream) once the lock key exists.
    await waitFor(async () => (await ioredis().exists(key("scheduler", "leader"))) === 1, 15_000, "child scheduler leading");
    await new Promise((r) => setTimeout(r, 300));
    const m = await createMonitor(workspaceId, { url: target.url, intervalSeconds: 3600, timeoutSeconds: 10, regions: ["eu"] });
    await afterMonitorChange(m.id, "created");
    await waitFor(() => target.state.hits >= 1, 10_000, "check in flight in the child");
    child.kill("SIGKILL");
    const killedAt = Date.now();
    await new Promise((r) => child!.once("exit", r));
    target.set("down");

    running.push(await createChecksModule({ runCheck: testRunner, regions: ["eu"] }).start(testContext("eu")));
    const rows = await waitFor(
      async () => {
        const r = await db.select().from(checkResults).where(eq(checkResults.monitorId, m.id));
        return r.length ? r : null;
      },
      25_000,
      "retried check",
    );
    const retriedAfter = Date.now() - killedAt;
    expect(retriedAfter).toBeLessThan(18_000); // lockDuration 10 s + stalledInterval 5 s (+ slack)
    await new Promise((r) => setTimeout(r, 1_000));
    const all = await db.select().from(checkResults).where(eq(checkResults.monitorId, m.id));
    expect(all).toHaveLength(1);
    expect(rows[0]).toMatchObject({ ok: false, statusCode: 503, region: "eu" });
    const inc = await db.select().from(incidents).where(eq(incidents.monitorId, m.id));
    expect(inc).toHaveLength(1);
    expect(inc[0].cause).toBe("HTTP 503 from eu");
  }, 70_000);
});
