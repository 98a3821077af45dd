import { randomUUID } from "node:crypto";
import { UnrecoverableError, Worker } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { CheckQueues } from "./check-queues";
import { checkQueueName, createQueueConnection, queuePrefix } from "./connection";
import { closeInspectQueues, getQueueOverview, listFailedJobs, retryFailedJob } from "./inspect";

const queues = new CheckQueues();
afterAll(async () => {
  await queues.close();
  await closeInspectQueues();
});

/** Runs the queue's jobs once with a processor that always refuses, so they land in `failed`. */
async function failAll(queue: string, expected: number): Promise<void> {
  const connection = createQueueConnection();
  let failed = 0;
  const done = new Promise<void>((resolve) => {
    const worker = new Worker(
      queue,
      async () => {
        throw new UnrecoverableError("page never rendered");
      },
      { connection, prefix: queuePrefix() },
    );
    worker.on("failed", () => {
      if (++failed === expected) void worker.close().then(() => resolve());
    });
  });
  await done;
  connection.disconnect();
}

describe("queue inspection", () => {
  it("lists each region's browser queue beside its default queue, with its own counts", async () => {
    const region = `insp-${randomUUID().slice(0, 8)}`;
    const now = Date.now();
    const job = (lane?: "browser") => ({ monitorId: randomUUID(), region, slot: now - 1, kind: "slot" as const, ...(lane ? { lane } : {}) });
    await queues.enqueue([job(), job("browser"), job("browser")], now);

    const overview = await getQueueOverview([region]);
    expect(overview.map((q) => [q.lane, q.queue, q.counts.waiting])).toEqual([
      ["default", checkQueueName(region), 1],
      ["browser", checkQueueName(region, "browser"), 2],
    ]);
    expect(overview.every((q) => q.region === region)).toBe(true);
  });

  it("lists a browser lane's failed jobs with their lane, and retries them in that lane only", async () => {
    const region = `insp-${randomUUID().slice(0, 8)}`;
    const monitorId = randomUUID();
    await queues.enqueue([{ monitorId, region, slot: Date.now() - 1, kind: "slot", lane: "browser" }]);
    await failAll(checkQueueName(region, "browser"), 1);

    const failed = await listFailedJobs([region]);
    expect(failed).toEqual([expect.objectContaining({ region, lane: "browser", monitorId, error: "page never rendered" })]);
    expect((await getQueueOverview([region])).find((q) => q.lane === "browser")?.counts.failed).toBe(1);

    // The same id in the default lane is another queue's: nothing to retry there.
    expect(await retryFailedJob(region, "default", failed[0].id)).toBe(false);
    expect(await retryFailedJob(region, "browser", failed[0].id)).toBe(true);
    const after = await getQueueOverview([region]);
    expect(after.find((q) => q.lane === "browser")?.counts).toMatchObject({ failed: 0, waiting: 1 });
    expect(after.find((q) => q.lane === "default")?.counts).toMatchObject({ failed: 0, waiting: 0 });
  });

  it("lists a failed batch job as a batch of its checks, with no single monitor", async () => {
    const region = `insp-${randomUUID().slice(0, 8)}`;
    const now = Date.now();
    await queues.enqueue(
      [0, 1, 2].map((i) => ({ monitorId: randomUUID(), region, slot: now - 10 + i, kind: "slot" as const })),
      now,
    );
    await failAll(checkQueueName(region), 1);
    expect(await listFailedJobs([region])).toEqual([expect.objectContaining({ region, lane: "default", kind: "batch of 3", monitorId: null, slot: now - 10 })]);
  });
});
