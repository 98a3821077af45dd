import net from "node:net";
import { Queue } from "bullmq";
import IORedis from "ioredis";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The operator allows the loopback listener this test stands up.
vi.hoisted(() => {
  process.env.CHECKS_ALLOW_HOSTS = "127.0.0.1";
});

import { closeDb, db } from "../db/client";
import { monitors } from "../db/schema";
import { env } from "../env";
import { closeRedis } from "../redis/client";
import { CheckJobData, checkJobId } from "../queue/check-jobs";
import { CheckQueues } from "../queue/check-queues";
import { checkQueueName, queuePrefix } from "../queue/connection";
import { ResultWriter } from "../results/result-writer";
import { runCheckJob } from "../results/run-check-job";
import type { MonitorCache } from "../scheduler/monitor-cache";
import { createTestUser, userCtx, viewerCtx } from "../../tests/factories";
import { checkNow, waitForCheckNow, type CheckNowQueue } from "./check-now";
import { createMonitor, setPaused } from ".";
import { checkRunner } from "./kinds/registry";

const writer = new ResultWriter(db, { flushMs: 5 });
const queues = new CheckQueues();
const conn = new IORedis(env.REDIS_URL, { maxRetriesPerRequest: null });
let listener: net.Server;
let port: number;

beforeAll(async () => {
  listener = net.createServer((s) => s.end());
  await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
  port = (listener.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await writer.close();
  await queues.close();
  conn.disconnect();
  listener.close();
  await closeDb();
  await closeRedis();
});

/** Stands in for the region workers: every enqueued job runs through the real check job at once. */
function workerQueue(seen: CheckJobData[]): CheckNowQueue {
  return {
    async enqueue(jobs) {
      seen.push(...jobs);
      for (const job of jobs) {
        const [m] = await db.select().from(monitors).where(eq(monitors.id, job.monitorId));
        const cache = { get: async () => m } as unknown as MonitorCache;
        await runCheckJob(
          {
            db,
            monitors: cache,
            runCheck: checkRunner({ allowPrivate: false, allowHosts: ["127.0.0.1"] }),
            writer,
            allRegions: env.REGIONS,
            recheck: async () => {},
          },
          CheckJobData.parse(job),
        );
      }
    },
  };
}

describe("Check now", () => {
  it("runs one check in every region of the monitor and returns their results", async () => {
    const { workspaceId } = await createTestUser();
    const ctx = userCtx(db, workspaceId);
    const m = await createMonitor(ctx, { type: "tcp", name: "db", host: "127.0.0.1", port });
    const seen: CheckJobData[] = [];
    const run = await checkNow(ctx, m.id, workerQueue(seen));
    expect(run.regions).toEqual(env.REGIONS);
    expect(seen.map((j) => ({ region: j.region, kind: j.kind }))).toEqual(env.REGIONS.map((region) => ({ region, kind: "manual" })));
    // Its job ids can't collide with a scheduled slot's for the same instant.
    expect(checkJobId(seen[0])).not.toBe(checkJobId({ ...seen[0], kind: "slot" }));
    const results = await waitForCheckNow(ctx, m.id, run, 5000);
    expect(results.map((r) => ({ region: r.region, ok: r.ok }))).toEqual(env.REGIONS.map((region) => ({ region, ok: true })));
    expect(results[0].connectMs).not.toBeNull();
    // Stored as a manual run, not as a slot.
    expect(results[0].scheduledAt).toBeNull();
  });

  it("puts a manual job on each region's queue", async () => {
    const { workspaceId } = await createTestUser();
    const ctx = userCtx(db, workspaceId);
    const m = await createMonitor(ctx, { type: "http", name: "site", url: "https://example.com" });
    const run = await checkNow(ctx, m.id, queues);
    const q = new Queue(checkQueueName(env.REGIONS[0]), { connection: conn, prefix: queuePrefix() });
    const job = await q.getJob(checkJobId({ monitorId: m.id, region: env.REGIONS[0], slot: run.requestedAt.getTime(), kind: "manual" }));
    await q.close();
    expect(job?.data).toMatchObject({ monitorId: m.id, kind: "manual" });
  });

  it("refuses heartbeats, paused monitors, viewers, and another workspace's monitor (404)", async () => {
    const { workspaceId } = await createTestUser();
    const ctx = userCtx(db, workspaceId);
    const seen: CheckJobData[] = [];
    const hb = await createMonitor(ctx, { type: "heartbeat", name: "job", periodSeconds: 3600 });
    await expect(checkNow(ctx, hb.id, workerQueue(seen))).rejects.toMatchObject({
      name: "ValidationError",
      fields: { _: "Heartbeat monitors are checked when they are pinged, not by Vigil" },
    });
    const tcp = await createMonitor(ctx, { type: "tcp", name: "db", host: "127.0.0.1", port });
    await expect(checkNow(viewerCtx(db, workspaceId), tcp.id, workerQueue(seen))).rejects.toMatchObject({ name: "ForbiddenError" });
    const other = await createTestUser();
    await expect(checkNow(userCtx(db, other.workspaceId), tcp.id, workerQueue(seen))).rejects.toMatchObject({ name: "NotFoundError" });
    await setPaused(ctx, tcp.id, true);
    await expect(checkNow(ctx, tcp.id, workerQueue(seen))).rejects.toMatchObject({ fields: { _: "Resume the monitor to check it" } });
    expect(seen).toEqual([]);
  });
});
