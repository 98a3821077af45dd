import { Queue, type JobsOptions } from "bullmq";
import type IORedis from "ioredis";
import { batchCheckJobs, CHECK_BATCH_JOB, checkBatchJobId, checkJobId, type CheckJobData } from "./check-jobs";
import { checkQueueConfig } from "./check-queue.config";
import { checkQueueName, createProducerConnection, queuePrefix, type CheckLane } from "./connection";

/** Producer side of the per-region check queues (used by the scheduler and by cross-region re-checks). */
export class CheckQueues {
  private queues = new Map<string, Queue>();
  private connection: IORedis | null = null;

  constructor(private readonly opts: { connection?: () => IORedis; prefix?: string } = {}) {}

  queue(region: string, lane: CheckLane = "default"): Queue {
    const name = checkQueueName(region, lane);
    let q = this.queues.get(name);
    if (!q) {
      // One shared connection for every producer queue of this process.
      if (!this.connection) {
        this.connection = (this.opts.connection ?? createProducerConnection)();
        this.connection.on("error", () => {}); // reconnects are ioredis's job; each enqueue reports its own error
      }
      q = new Queue(name, { connection: this.connection, prefix: this.opts.prefix ?? queuePrefix() });
      q.on("error", () => {});
      this.queues.set(name, q);
    }
    return q;
  }

  /**
   * Adds jobs in bulk per region and lane, each delayed until its (first) slot; duplicate ids are no-ops.
   * Planned slots close together go as batches (see batchCheckJobs).
   */
  async enqueue(jobs: CheckJobData[], now = Date.now()): Promise<void> {
    const { singles, batches } = batchCheckJobs(jobs);
    const byQueue = new Map<string, { region: string; lane: CheckLane; list: { name: string; data: unknown; opts: JobsOptions }[] }>();
    const add = (region: string, lane: CheckLane, job: { name: string; data: unknown; opts: JobsOptions }) => {
      const k = checkQueueName(region, lane);
      const entry = byQueue.get(k) ?? { region, lane, list: [] };
      entry.list.push(job);
      byQueue.set(k, entry);
    };
    const delay = (slot: number) => Math.max(0, slot - now);
    for (const data of singles)
      add(data.region, data.lane ?? "default", { name: data.kind, data, opts: { ...checkQueueConfig.job, jobId: checkJobId(data), delay: delay(data.slot) } });
    for (const data of batches)
      add(data.region, "default", {
        name: CHECK_BATCH_JOB,
        data,
        opts: { ...checkQueueConfig.job, jobId: checkBatchJobId(data), delay: delay(data.checks[0].slot) },
      });
    await Promise.all(
      [...byQueue.values()].map(async ({ region, lane, list }) => {
        for (let i = 0; i < list.length; i += 1000) await this.queue(region, lane).addBulk(list.slice(i, i + 1000));
      }),
    );
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
    this.queues.clear();
    if (this.connection) await this.connection.quit().catch(() => this.connection?.disconnect());
    this.connection = null;
  }
}
