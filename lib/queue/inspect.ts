import { Queue } from "bullmq";
import type IORedis from "ioredis";
import { checkQueueName, createProducerConnection, queuePrefix } from "./connection";
import { CheckJobData } from "./check-jobs";

export type QueueOverview = {
  region: string;
  counts: { waiting: number; active: number; delayed: number; failed: number; completed: number };
  /** Jobs finished per minute, oldest first (BullMQ's own per-minute metrics). */
  completedPerMinute: number[];
  failedPerMinute: number[];
};

export type FailedCheckJob = {
  id: string;
  region: string;
  monitorId: string | null;
  kind: string | null;
  slot: number | null;
  error: string;
  attempts: number;
  failedAt: Date | null;
};

const g = globalThis as unknown as { __vigilInspectQueues?: Map<string, Queue>; __vigilInspectConn?: IORedis };

/** Read-side Queue handles, one per region, reused across requests (the admin page refreshes every 5 s). */
function queueFor(region: string): Queue {
  g.__vigilInspectQueues ??= new Map();
  const k = `${queuePrefix()}|${region}`;
  let q = g.__vigilInspectQueues.get(k);
  if (!q) {
    g.__vigilInspectConn ??= createProducerConnection();
    q = new Queue(checkQueueName(region), { connection: g.__vigilInspectConn, prefix: queuePrefix() });
    q.on("error", () => {});
    g.__vigilInspectQueues.set(k, q);
  }
  return q;
}

export async function getQueueOverview(regions: string[], minutes = 15): Promise<QueueOverview[]> {
  return Promise.all(
    regions.map(async (region) => {
      const q = queueFor(region);
      const [c, done, failed] = await Promise.all([
        q.getJobCounts("waiting", "active", "delayed", "failed", "completed"),
        q.getMetrics("completed", 0, minutes - 1),
        q.getMetrics("failed", 0, minutes - 1),
      ]);
      return {
        region,
        counts: { waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0, completed: c.completed ?? 0 },
        // BullMQ returns the newest minute first.
        completedPerMinute: [...done.data].reverse(),
        failedPerMinute: [...failed.data].reverse(),
      };
    }),
  );
}

export async function listFailedJobs(regions: string[], limit = 20): Promise<FailedCheckJob[]> {
  const lists = await Promise.all(
    regions.map(async (region) => {
      const jobs = await queueFor(region).getFailed(0, limit - 1);
      return jobs.filter(Boolean).map((j): FailedCheckJob => {
        const d = CheckJobData.safeParse(j.data);
        return {
          id: j.id ?? "",
          region,
          monitorId: d.success ? d.data.monitorId : null,
          kind: d.success ? d.data.kind : null,
          slot: d.success ? d.data.slot : null,
          error: (j.failedReason ?? "unknown error").slice(0, 500),
          attempts: j.attemptsMade,
          failedAt: j.finishedOn ? new Date(j.finishedOn) : null,
        };
      });
    }),
  );
  return lists
    .flat()
    .sort((a, b) => (b.failedAt?.getTime() ?? 0) - (a.failedAt?.getTime() ?? 0))
    .slice(0, limit);
}

/** Moves a failed job back to waiting; false when it is gone or not failed. */
export async function retryFailedJob(region: string, jobId: string): Promise<boolean> {
  const job = await queueFor(region).getJob(jobId);
  if (!job || !(await job.isFailed())) return false;
  await job.retry("failed");
  return true;
}

export async function closeInspectQueues(): Promise<void> {
  const qs = [...(g.__vigilInspectQueues?.values() ?? [])];
  g.__vigilInspectQueues = undefined;
  await Promise.allSettled(qs.map((q) => q.close()));
  g.__vigilInspectConn?.disconnect();
  g.__vigilInspectConn = undefined;
}
