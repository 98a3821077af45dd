import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { Queue } from "bullmq";
import { closeDb, db } from "@/lib/db/client";
import { checkResults, monitorRegionState, monitors } from "@/lib/db/schema";
import { CheckQueues } from "@/lib/queue/check-queues";
import { checkQueueName, createQueueConnection, queuePrefix } from "@/lib/queue/connection";
import { CHECK_BATCH_JOB, checkJobId } from "@/lib/queue/check-jobs";
import type { CheckRunner } from "@/lib/results/types";
import { closeRedis } from "@/lib/redis/client";
import { createTestUser } from "@/tests/factories";
import { createChecksModule } from "./modules/checks";
import { createMonitor, testRunner, isolatePrefix, startTarget, testContext, waitFor } from "@/tests/helpers";

const iso = isolatePrefix("checks");
let target: Awaited<ReturnType<typeof startTarget>>;
let workspaceId: string;
let queues: CheckQueues;
let running: { close(): Promise<void> };

beforeAll(async () => {
  target = await startTarget("up");
  ({ workspaceId } = await createTestUser());
  queues = new CheckQueues();
  running = await createChecksModule({ runCheck: testRunner, regions: ["eu"] }).start(testContext("eu"));
});

afterAll(async () => {
  await running?.close();
  await queues?.close();
  await target?.close();
  await iso.cleanup();
  await closeRedis();
  await closeDb();
});

const rowsOf = (monitorId: string) => db.select().from(checkResults).where(eq(checkResults.monitorId, monitorId));

describe("check worker", () => {
  it("runs a slot once however often it is enqueued, stores it and updates the monitor", async () => {
    const m = await createMonitor(workspaceId, { url: target.url, regions: ["eu"] });
    const slot = Date.now();
    const job = { monitorId: m.id, region: "eu", slot, kind: "slot" as const };
    await Promise.all([queues.enqueue([job]), queues.enqueue([job]), queues.enqueue([job])]);
    await waitFor(async () => (await rowsOf(m.id)).length === 1, 10_000, "result row");
    await queues.enqueue([job]); // after completion too
    await new Promise((r) => setTimeout(r, 500));
    const rows = await rowsOf(m.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ region: "eu", ok: true, statusCode: 200 });
    expect(rows[0].scheduledAt?.getTime()).toBe(slot);
    const [mon] = await db.select().from(monitors).where(eq(monitors.id, m.id));
    expect(mon.status).toBe("up");
    expect(mon.lastCheckedAt?.getTime()).toBe(rows[0].startedAt.getTime());
    expect(mon.lastLatencyMs).toBe(rows[0].latencyMs);
    const [state] = await db
      .select()
      .from(monitorRegionState)
      .where(and(eq(monitorRegionState.monitorId, m.id), eq(monitorRegionState.region, "eu")));
    expect(state).toMatchObject({ ok: true, consecutiveSuccesses: 1, consecutiveFailures: 0 });
  });

  it("counts consecutive failures per region and keeps results in order", async () => {
    const down = await startTarget("down");
    try {
      const m = await createMonitor(workspaceId, { url: down.url, regions: ["eu"], failureThreshold: 99 });
      const base = Date.now();
      for (let i = 0; i < 3; i++) {
        await queues.enqueue([{ monitorId: m.id, region: "eu", slot: base + i, kind: "slot" }]);
        await waitFor(async () => (await rowsOf(m.id)).length === i + 1, 10_000, `result ${i + 1}`);
      }
      const [state] = await db.select().from(monitorRegionState).where(eq(monitorRegionState.monitorId, m.id));
      expect(state).toMatchObject({ ok: false, consecutiveFailures: 3, consecutiveSuccesses: 0, lastError: "HTTP 503", lastStatusCode: 503 });
    } finally {
      await down.close();
    }
  });

  it("fails a job for a deleted monitor without retrying it, and rejects a bad payload", async () => {
    const m = await createMonitor(workspaceId, { url: target.url, regions: ["eu"] });
    await db.delete(monitors).where(eq(monitors.id, m.id));
    const data = { monitorId: m.id, region: "eu", slot: Date.now(), kind: "slot" as const };
    await queues.enqueue([data]);
    const q = new Queue(checkQueueName("eu"), { connection: createQueueConnection(), prefix: queuePrefix() });
    try {
      // Re-read once failed: a copy fetched just before the worker failed it has no failedReason yet.
      await waitFor(async () => (await q.getJob(checkJobId(data)))?.isFailed(), 10_000, "failed job");
      const job = (await q.getJob(checkJobId(data)))!;
      expect(job.failedReason).toMatch(/no longer exists/);
      expect(job.attemptsMade).toBe(1);
      const bad = await q.add("slot", { monitorId: "nope", region: "eu", slot: 1 }, { jobId: "bad-payload" });
      await waitFor(async () => (await q.getJob(bad.id!))?.isFailed(), 10_000, "bad payload failed");
      expect((await q.getJob(bad.id!))?.failedReason).toMatch(/invalid check job payload/);
    } finally {
      await q.close();
    }
  });

  it("runs planned slots close together as one batch job, each check at its own slot, skipping a deleted monitor", async () => {
    const ms = await Promise.all(Array.from({ length: 5 }, () => createMonitor(workspaceId, { url: target.url, regions: ["eu"] })));
    await db.delete(monitors).where(eq(monitors.id, ms[4].id));
    const base = Date.now() + 400;
    const jobs = ms.map((m, i) => ({ monitorId: m.id, region: "eu", slot: base + i * 40, kind: "slot" as const }));
    const q = new Queue(checkQueueName("eu"), { connection: createQueueConnection(), prefix: queuePrefix() });
    try {
      await queues.enqueue(jobs);
      const queued = (await q.getJobs(["delayed", "waiting", "active"], 0, -1)).filter(
        (j) => j.name === CHECK_BATCH_JOB && j.data.checks?.[0]?.monitorId === ms[0].id,
      );
      expect(queued).toHaveLength(1);
      expect(queued[0].data.checks).toHaveLength(5);
      for (const m of ms.slice(0, 4)) await waitFor(async () => (await rowsOf(m.id)).length === 1, 10_000, "result row");
      for (const [i, m] of ms.slice(0, 4).entries()) {
        const [row] = await rowsOf(m.id);
        expect(row.scheduledAt?.getTime()).toBe(jobs[i].slot);
        // Not before its own slot (the batch was taken at the first one), and not long after it.
        expect(row.startedAt.getTime()).toBeGreaterThanOrEqual(jobs[i].slot);
        expect(row.startedAt.getTime() - jobs[i].slot).toBeLessThan(1_000);
      }
      await waitFor(async () => (await q.getJob(queued[0].id!))?.isCompleted(), 10_000, "batch completed");
      expect((await q.getJob(queued[0].id!))?.returnvalue).toEqual({ checked: 4, skipped: 1 });
    } finally {
      await q.close();
    }
  });

  it("retries a batch one of whose checks threw, without storing the others twice", async () => {
    const ms = await Promise.all(Array.from({ length: 3 }, () => createMonitor(workspaceId, { url: target.url, regions: ["eb"] })));
    let thrown = 0;
    // The first attempt at the second monitor fails as infrastructure would (not a down target).
    const flaky: CheckRunner = async (monitor, region) => {
      if (monitor.id === ms[1].id && thrown++ === 0) throw new Error("engine unavailable");
      return testRunner(monitor, region);
    };
    const worker = await createChecksModule({ runCheck: flaky, regions: ["eb"] }).start(testContext("eb"));
    try {
      const base = Date.now();
      await queues.enqueue(ms.map((m, i) => ({ monitorId: m.id, region: "eb", slot: base + i, kind: "slot" as const })));
      for (const m of ms) await waitFor(async () => (await rowsOf(m.id)).length >= 1, 10_000, "result row");
      await new Promise((r) => setTimeout(r, 1_500)); // the retry (1 s backoff) has run by now
      for (const m of ms) expect(await rowsOf(m.id)).toHaveLength(1);
      expect(thrown).toBe(2);
    } finally {
      await worker.close();
    }
  });
});
