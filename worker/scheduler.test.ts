import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import IORedis from "ioredis";
import { Queue } from "bullmq";
import { closeDb, db } from "@/lib/db/client";
import { monitors } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { afterMonitorChange } from "@/lib/monitors/after-change";
import { CheckQueues } from "@/lib/queue/check-queues";
import { checksOfJob } from "@/lib/queue/check-jobs";
import { checkQueueName, createQueueConnection, queuePrefix } from "@/lib/queue/connection";
import { closeRedis, key } from "@/lib/redis/client";
import { ChangeStreamReader } from "@/lib/scheduler/change-stream";
import { phaseMs } from "@/lib/scheduler/slots";
import { SlotScheduler } from "@/lib/scheduler/slot-scheduler";
import { createTestUser } from "@/tests/factories";
import { createMonitor, isolatePrefix, startTcpProxy, waitFor } from "@/tests/helpers";

const iso = isolatePrefix("sched");
const REGIONS = ["eu", "us"];
let workspaceId: string;
const inspect = new Map<string, Queue>();
const opened: { stop(): Promise<void> }[] = [];
const closers: (() => Promise<unknown> | void)[] = [];

function queue(region: string) {
  let q = inspect.get(region);
  if (!q) inspect.set(region, (q = new Queue(checkQueueName(region), { connection: createQueueConnection(), prefix: queuePrefix() })));
  return q;
}

/** Every job in the region queues for a monitor: [region, kind, slot]. */
async function jobsOf(monitorId: string, kind = "slot") {
  const out: { region: string; slot: number; kind: string }[] = [];
  for (const region of REGIONS) {
    const jobs = await queue(region).getJobs(["delayed", "waiting", "active", "completed", "failed", "prioritized"], 0, -1);
    for (const j of jobs) {
      // A batch job stands for several slots (checksOfJob reads either kind of job).
      const checks = checksOfJob(j.name, j.data);
      expect(checks.length).toBeGreaterThan(0);
      for (const d of checks) if (d.monitorId === monitorId && d.kind === kind) out.push({ region, slot: d.slot, kind: d.kind });
    }
  }
  return out.sort((a, b) => a.slot - b.slot || a.region.localeCompare(b.region));
}

/** A scheduler as the worker module builds it, optionally talking to Redis through `redisUrl`. */
async function startScheduler(name: string, redisUrl = env.REDIS_URL, o: { reconcileMs?: number } = {}) {
  const quiet = (r: IORedis) => r.on("error", () => {});
  const redis = quiet(new IORedis(redisUrl, { maxRetriesPerRequest: 1 }));
  const queues = new CheckQueues({ connection: () => quiet(new IORedis(redisUrl, { maxRetriesPerRequest: 1 })) });
  const s = new SlotScheduler({
    db,
    redis,
    enqueue: (jobs) => queues.enqueue(jobs),
    regions: REGIONS,
    instanceId: name,
    keys: { lock: key("scheduler", "leader"), horizon: key("scheduler", "horizon") },
    tickMs: 100,
    lookaheadMs: 500,
    lockTtlMs: 2_000,
    reconcileMs: o.reconcileMs ?? 60_000,
  });
  const reader = new ChangeStreamReader(quiet(new IORedis(redisUrl)), key("monitor-changes"), (c) => s.onChanges(c));
  await reader.mark();
  reader.start();
  s.start();
  const handle = {
    s,
    async stop() {
      await s.stop();
      await reader.stop();
      await queues.close();
      redis.disconnect();
    },
  };
  opened.push(handle);
  return handle;
}

beforeAll(async () => {
  ({ workspaceId } = await createTestUser());
});

// A failed test must not leave a scheduler leading (and holding the lock) into the next one.
afterEach(async () => {
  for (const h of opened.splice(0)) await h.stop().catch(() => {});
});

afterAll(async () => {
  for (const c of closers) await c();
  for (const q of inspect.values()) await q.close();
  await iso.cleanup();
  await closeRedis();
  await closeDb();
});

function expectRegularSlots(slots: number[], intervalMs: number, id: string) {
  expect(new Set(slots).size).toBe(slots.length);
  slots.forEach((s, i) => {
    expect((s - phaseMs(id, intervalMs)) % intervalMs).toBe(0);
    if (i > 0) expect(s - slots[i - 1]).toBe(intervalMs);
  });
}

describe("scheduler", () => {
  it("enqueues exactly one job per (monitor, region, slot) with two schedulers, one of them leading, and fails over", async () => {
    // 2 s slots: a slot counts as missed (and collapses) only after a whole interval without a tick,
    // which a loaded 2-core box running the whole suite can almost reach at 1 s.
    const m = await createMonitor(workspaceId, { url: "http://127.0.0.1:9/", intervalSeconds: 2 });
    const a = await startScheduler("sched-a");
    const b = await startScheduler("sched-b");
    await waitFor(() => a.s.isLeader || b.s.isLeader, 5_000, "a leader");
    expect(a.s.isLeader && b.s.isLeader).toBe(false);
    await new Promise((r) => setTimeout(r, 3_000));
    // The leader goes away without releasing (as if killed): the other takes over within the lock TTL.
    const [leader, follower] = a.s.isLeader ? [a, b] : [b, a];
    (leader.s as unknown as { stopped: boolean }).stopped = true; // stop ticking, keep the lock until it expires
    const t0 = Date.now();
    await waitFor(() => follower.s.isLeader, 5_000, "failover");
    expect(Date.now() - t0).toBeLessThan(4_000);
    await new Promise((r) => setTimeout(r, 3_000));
    const jobs = await jobsOf(m.id);
    for (const region of REGIONS) {
      const slots = jobs.filter((j) => j.region === region).map((j) => j.slot);
      expect(slots.length).toBeGreaterThanOrEqual(4);
      expectRegularSlots(slots, 2000, m.id); // no gap, no duplicate across the failover
    }
    await a.stop();
    await b.stop();
  });

  it("reconciles with the database on start and periodically, and applies changes within 2 s", async () => {
    const early = await createMonitor(workspaceId, { url: "http://127.0.0.1:9/", intervalSeconds: 1, regions: ["eu"] });
    const s = await startScheduler("sched-c", env.REDIS_URL, { reconcileMs: 1_000 });
    await waitFor(async () => (await jobsOf(early.id)).length > 0, 3_000, "job for a monitor that existed before start");

    // Inserted behind the scheduler's back (no change event): the periodic reconcile finds it.
    const silent = await createMonitor(workspaceId, { url: "http://127.0.0.1:9/", intervalSeconds: 1, regions: ["us"] });
    await waitFor(async () => (await jobsOf(silent.id)).length > 0, 3_500, "reconciled monitor");

    // Created with a change event: first check at once, slots follow.
    const created = await createMonitor(workspaceId, { url: "http://127.0.0.1:9/", intervalSeconds: 5, regions: ["eu", "us"] });
    let t = Date.now();
    await afterMonitorChange(created.id, "created");
    await waitFor(async () => (await jobsOf(created.id, "first")).length === 2, 2_000, "first checks");
    expect(Date.now() - t).toBeLessThan(2_000);

    // Paused: no slot later than 2 s after the change.
    await db.update(monitors).set({ paused: true }).where(eq(monitors.id, early.id));
    t = Date.now();
    await afterMonitorChange(early.id, "paused");
    await new Promise((r) => setTimeout(r, 3_000));
    const after = (await jobsOf(early.id)).filter((j) => j.slot > t + 2_000);
    expect(after).toEqual([]);

    // Interval change: new slots are spaced by the new interval.
    await db.update(monitors).set({ intervalSeconds: 2 }).where(eq(monitors.id, silent.id));
    t = Date.now();
    await afterMonitorChange(silent.id, "updated");
    await new Promise((r) => setTimeout(r, 5_000));
    const newer = (await jobsOf(silent.id)).filter((j) => j.slot > t + 2_000).map((j) => j.slot);
    expect(newer.length).toBeGreaterThanOrEqual(1);
    expectRegularSlots(newer, 2_000, silent.id);

    // Deleted: gone from the schedule within 2 s.
    await db.delete(monitors).where(eq(monitors.id, created.id));
    await afterMonitorChange(created.id, "deleted");
    await waitFor(() => !s.s.schedule.has(created.id), 2_000, "deleted monitor unscheduled");
    await s.stop();
  });

  it("survives a Redis outage: reconnects, then runs the missed slot once", async () => {
    const proxy = await startTcpProxy(Number(new URL(env.REDIS_URL).port || 6379));
    closers.push(() => proxy.close());
    const m = await createMonitor(workspaceId, { url: "http://127.0.0.1:9/", intervalSeconds: 1, regions: ["eu"] });
    const s = await startScheduler("sched-d", `redis://127.0.0.1:${proxy.port}`);
    await waitFor(async () => (await jobsOf(m.id)).length >= 2, 5_000, "slots before the outage");
    proxy.cut();
    const cutAt = Date.now();
    await new Promise((r) => setTimeout(r, 4_000)); // four slots pass while Redis is unreachable
    await proxy.restore();
    const restoredAt = Date.now();
    await waitFor(() => s.s.isLeader, 8_000, "leader again after reconnect");
    await waitFor(async () => (await jobsOf(m.id)).some((j) => j.slot > restoredAt + 1_000), 8_000, "slots after the outage");
    const slots = (await jobsOf(m.id)).map((j) => j.slot);
    expect(new Set(slots).size).toBe(slots.length);
    // Slots planned inside the outage: at most one was run (the latest missed one), not one per slot.
    const missed = slots.filter((x) => x > cutAt + 600 && x < restoredAt - 1_000);
    expect(missed.length).toBeLessThanOrEqual(1);
    await s.stop();
  });
});
