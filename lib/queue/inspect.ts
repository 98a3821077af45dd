import { Queue } from "bullmq";
import type IORedis from "ioredis";
import { CHECK_LANES, checkQueueName, createProducerConnection, queuePrefix, type CheckLane } from "./connection";
import { checksOfJob } from "./check-jobs";

/** One check queue: a region's default lane or its browser lane (see checkQueueName). */
export type QueueOverview = {
  region: string;
  lane: CheckLane;
  /** Its BullMQ name, as Redis and the workers' logs show it: `{checks-eu}`, `{checks-browser-eu}`. */
  queue: string;
  counts: { waiting: number; active: number; delayed: number; failed: number; completed: number };
  /** Jobs finished per minute, oldest first (BullMQ's own per-minute metrics). */
  completedPerMinute: number[];
  failedPerMinute: number[];
};

export type FailedCheckJob = {
  id: string;
  region: string;
  lane: CheckLane;
  monitorId: string | null;
  kind: string | null;
  slot: number | null;
  error: string;
  attempts: number;
  failedAt: Date | null;
};

const g = globalThis as unknown as { __vigilInspectQueues?: Map<string, Queue>; __vigilInspectConn?: IORedis };

/** Read-side Queue handles, one per region and lane, reused across requests (the admin page refreshes every 5 s). */
function queueFor(region: string, lane: CheckLane): Queue {
  g.__vigilInspectQueues ??= new Map();
  const name = checkQueueName(region, lane);
  const k = `${queuePrefix()}|${name}`;
  let q = g.__vigilInspectQueues.get(k);
  if (!q) {
    g.__vigilInspectConn ??= createProducerConnection();
    q = new Queue(name, { connection: g.__vigilInspectConn, prefix: queuePrefix() });
    q.on("error", () => {});
    g.__vigilInspectQueues.set(k, q);
  }
  return q;
}

/** Every lane of every region: `regions × CHECK_LANES`, in that order (a region's default queue first). */
const queuesOf = (regions: string[]) => regions.flatMap((region) => CHECK_LANES.map((lane) => ({ region, lane })));

export async function getQueueOverview(regions: string[], minutes = 15): Promise<QueueOverview[]> {
  return Promise.all(
    queuesOf(regions).map(async ({ region, lane }) => {
      const q = queueFor(region, lane);
      const [c, done, failed] = await Promise.all([
        q.getJobCounts("waiting", "active", "delayed", "failed", "completed"),
        q.getMetrics("completed", 0, minutes - 1),
        q.getMetrics("failed", 0, minutes - 1),
      ]);
      return {
        region,
        lane,
        queue: q.name,
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
    queuesOf(regions).map(async ({ region, lane }) => {
      const jobs = await queueFor(region, lane).getFailed(0, limit - 1);
      return jobs.filter(Boolean).map((j): FailedCheckJob => {
        // A batch job stands for several checks: its kind reads "batch of N", with no single monitor.
        const checks = checksOfJob(j.name, j.data);
        const one = checks.length === 1 ? checks[0] : null;
        return {
          id: j.id ?? "",
          region,
          lane,
          monitorId: one?.monitorId ?? null,
          kind: one ? one.kind : checks.length ? `batch of ${checks.length}` : null,
          slot: checks[0]?.slot ?? null,
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

/** Moves a failed job of a region's lane back to waiting; false when it is gone or not failed. */
export async function retryFailedJob(region: string, lane: CheckLane, jobId: string): Promise<boolean> {
  const job = await queueFor(region, lane).getJob(jobId);
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
