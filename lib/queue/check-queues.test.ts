import { randomUUID } from "node:crypto";
import { Queue } from "bullmq";
import IORedis from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { env } from "../env";
import { CheckJobData } from "./check-jobs";
import { CheckQueues } from "./check-queues";
import { checkQueueName, queuePrefix } from "./connection";

const queues = new CheckQueues();
const conn = new IORedis(env.REDIS_URL, { maxRetriesPerRequest: null });
afterAll(async () => {
  await queues.close();
  conn.disconnect();
});

const waiting = async (name: string) => {
  const q = new Queue(name, { connection: conn, prefix: queuePrefix() });
  const jobs = await q.getJobs(["delayed", "waiting"]);
  await q.close();
  return jobs.map((j) => j.data.monitorId);
};

describe("check queues per lane", () => {
  it("browser jobs go to the region's browser queue, every other job to the region's default queue", async () => {
    const region = `lane-${randomUUID().slice(0, 8)}`;
    const http = randomUUID();
    const browser = randomUUID();
    await queues.enqueue([
      { monitorId: http, region, slot: Date.now(), kind: "first" },
      { monitorId: browser, region, slot: Date.now(), kind: "first", lane: "browser" },
    ]);
    expect(checkQueueName(region, "browser")).toBe(`{checks-browser-${region}}`);
    expect(await waiting(checkQueueName(region))).toEqual([http]);
    expect(await waiting(checkQueueName(region, "browser"))).toEqual([browser]);
  });

  it("the job payload accepts only known lanes", () => {
    const base = { monitorId: randomUUID(), region: "eu", slot: 1 };
    expect(CheckJobData.parse(base).lane).toBeUndefined();
    expect(CheckJobData.parse({ ...base, lane: "browser" }).lane).toBe("browser");
    expect(CheckJobData.safeParse({ ...base, lane: "gpu" }).success).toBe(false);
  });
});
