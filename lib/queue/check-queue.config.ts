import type { JobsOptions, WorkerOptions } from "bullmq";

/**
 * Options of the per-region check queues, each with its reason.
 */
export const checkQueueConfig = {
  worker: {
    // A SIGKILLed worker's check is found by another worker's stalled check after at most
    // lockDuration + stalledInterval ≈ 15 s (defaults: 30 s + 30 s ≈ 60 s). Locks are renewed every
    // lockDuration / 2 = 5 s by a live worker, so a check (timeout ≤ 60 s) never loses its lock
    // while the process is alive; the cost is one extra Redis call per active job every 5 s.
    lockDuration: 10_000,
    stalledInterval: 5_000,
    // A job that stalls twice (its worker died twice while running it) is failed, not retried forever.
    maxStalledCount: 2,
    // Per-minute completed/failed counts kept by BullMQ for an hour: the admin page's throughput.
    metrics: { maxDataPoints: 60 },
    // Poll the delayed set no later than this when idle; delayed jobs are promoted on time anyway.
    drainDelay: 1,
  } satisfies Partial<WorkerOptions>,
  job: {
    // A check that throws (e.g. Postgres refused the result for too long) is retried once quickly.
    attempts: 2,
    backoff: { type: "fixed", delay: 1_000 },
    // Completed jobs are kept for 10 minutes so that a slot enqueued again by a second scheduler
    // (failover overlap) finds its id taken; count caps memory at high throughput.
    removeOnComplete: { age: 600, count: 200_000 },
    // Failed jobs stay a day for the admin page (error + Retry button).
    removeOnFail: { age: 86_400, count: 5_000 },
  } satisfies JobsOptions,
};
