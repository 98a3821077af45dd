import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { siteCtx } from "../context";
import { closeDb, db } from "../db/client";
import type { WorkerStats } from "../db/schema";
import { CheckQueues } from "../queue/check-queues";
import { closeInspectQueues } from "../queue/inspect";
import { getClusterOverview } from "./cluster-overview";
import { heartbeatInstance, STALE_AFTER_MS } from "./instances";

const queues = new CheckQueues();
afterAll(async () => {
  await queues.close();
  await closeInspectQueues();
  await closeDb();
});

const idle: WorkerStats = { cpuPercent: 1, rssBytes: 1, heapUsedBytes: 1, processed: 0, failed: 0, avgMs: 0, p95Ms: 0 };

/** A worker of the region that heartbeat at `at` (now: live; older than STALE_AFTER_MS: stale). */
async function worker(region: string, browser: boolean | undefined, at = new Date()) {
  const id = `w-${randomUUID().slice(0, 8)}`;
  await heartbeatInstance(db, { id, host: "h", pid: 1, region, version: "t", concurrency: 1 }, { ...idle, ...(browser === undefined ? {} : { browser }) }, at);
}

const regionOf = async (region: string) => (await getClusterOverview(siteCtx(db), [region])).regions.find((r) => r.region === region)!;

describe("cluster overview: browser lane", () => {
  it("flags a region whose browser jobs wait (or are delayed) with no live worker running browser checks", async () => {
    const region = `ov-${randomUUID().slice(0, 8)}`;
    const now = Date.now();
    await queues.enqueue([{ monitorId: randomUUID(), region, slot: now + 60_000, kind: "slot", lane: "browser" }], now);
    expect(await regionOf(region)).toMatchObject({ liveInstances: 0, liveBrowserInstances: 0, browserUnserved: true });

    // Workers without the browser lane (or too old to say), and a browser worker gone stale, take none of them.
    await worker(region, false);
    await worker(region, undefined);
    await worker(region, true, new Date(now - STALE_AFTER_MS - 1_000));
    expect(await regionOf(region)).toMatchObject({ liveInstances: 2, liveBrowserInstances: 0, browserUnserved: true });

    await queues.enqueue([{ monitorId: randomUUID(), region, slot: now - 1, kind: "slot", lane: "browser" }], now);
    const waiting = await regionOf(region);
    expect(waiting.queues.find((q) => q.lane === "browser")?.counts).toMatchObject({ waiting: 1, delayed: 1 });
    expect(waiting.browserUnserved).toBe(true);

    await worker(region, true);
    expect(await regionOf(region)).toMatchObject({ liveInstances: 3, liveBrowserInstances: 1, browserUnserved: false });
  });

  it("does not flag a region whose browser lane is empty, whatever waits in its default lane", async () => {
    const region = `ov-${randomUUID().slice(0, 8)}`;
    await queues.enqueue([{ monitorId: randomUUID(), region, slot: Date.now() - 1, kind: "slot" }]);
    await worker(region, false);
    const r = await regionOf(region);
    expect(r.queues.find((q) => q.lane === "default")?.counts.waiting).toBe(1);
    expect(r).toMatchObject({ liveBrowserInstances: 0, browserUnserved: false });
  });
});
