import { UnrecoverableError, Worker } from "bullmq";
import { checkStatsFor } from "@/lib/cluster/check-stats";
import { NotFoundError } from "@/lib/errors";
import pLimit from "p-limit";
import { CHECK_BATCH_JOB, CheckBatchData, CheckJobData } from "@/lib/queue/check-jobs";
import { checkQueueConfig } from "@/lib/queue/check-queue.config";
import { CheckQueues } from "@/lib/queue/check-queues";
import { checkQueueName, queuePrefix, type CheckLane } from "@/lib/queue/connection";
import { closeSharedBrowserPool } from "@/lib/checks/browser-pool";
import { key } from "@/lib/redis/client";
import { env } from "@/lib/env";
import { ResultWriter } from "@/lib/results/result-writer";
import { runCheckBatch } from "@/lib/results/run-check-batch";
import { runCheckJob, type CheckJobDeps } from "@/lib/results/run-check-job";
import { checkRunner } from "@/lib/monitors/kinds/registry";
import type { CheckRunner } from "@/lib/results/types";
import { ChangeStreamReader } from "@/lib/scheduler/change-stream";
import { MonitorCache } from "@/lib/scheduler/monitor-cache";
import type { WorkerModule } from "../context";

export type ChecksModuleOptions = {
  /** Default: the HTTP engine (lib/checks) with CHECKS_ALLOW_PRIVATE and the Vigil User-Agent. */
  runCheck?: CheckRunner;
  regions?: string[];
  writer?: { flushMs?: number; maxBuffer?: number };
  /**
   * "browser": consume the region's browser queue instead (a worker started with WORKER_BROWSER=true
   * runs both), as many at a time as the browser pool has contexts; the browser closes with the module.
   */
  lane?: CheckLane;
};

/**
 * Consumes this region's check queue: every worker of a region takes from the same queue, so adding
 * workers adds capacity. Options (lock, stalled interval, retention) are in lib/queue/check-queue.config.ts.
 */
export function createChecksModule(opts: ChecksModuleOptions = {}): WorkerModule {
  return {
    name: opts.lane === "browser" ? "browser-checks" : "checks",
    async start(ctx) {
      const regions = opts.regions ?? env.REGIONS;
      const conns: ReturnType<typeof ctx.connection>[] = [];
      const conn = () => {
        const c = ctx.connection();
        conns.push(c);
        return c;
      };
      const monitors = new MonitorCache(ctx.db);
      const reader = new ChangeStreamReader(conn(), key("monitor-changes"), (changes) => changes.forEach((c) => monitors.invalidate(c.monitorId)), ctx.log);
      await reader.mark();
      reader.start();
      const lane = opts.lane ?? "default";
      const concurrency = lane === "browser" ? env.WORKER_BROWSER_CONTEXTS : ctx.concurrency;
      const writer = new ResultWriter(ctx.db, { flushAt: Math.min(500, Math.max(1, Math.floor(concurrency / 4))), log: ctx.log, ...opts.writer });
      const producers = new CheckQueues();
      const stats = checkStatsFor(ctx.region);
      const deps: CheckJobDeps = {
        db: ctx.db,
        monitors,
        runCheck: opts.runCheck ?? checkRunner(),
        writer,
        allRegions: regions,
        recheck: (jobs) => producers.enqueue(jobs),
        stats,
        log: ctx.log,
      };

      // A batch job holds several checks: the worker's concurrency counts checks, not jobs.
      const permits = pLimit(concurrency);

      const worker = new Worker(
        checkQueueName(ctx.region, lane),
        async (job) => {
          const run = parseJob(job.name, job.data, ctx.region);
          try {
            return await (run.batch ? runCheckBatch(deps, run.batch, permits) : permits(() => runCheckJob(deps, run.check)));
          } catch (err) {
            if (err instanceof NotFoundError) throw new UnrecoverableError("monitor no longer exists");
            stats.recordJobError();
            throw err;
          }
        },
        { connection: conn(), prefix: queuePrefix(), concurrency, ...checkQueueConfig.worker },
      );
      worker.on("error", (err) => ctx.log.error({ err }, "check worker error"));
      await worker.waitUntilReady();

      return {
        async close() {
          // In-flight checks finish (their results are written) before the writer and streams close.
          await worker.close();
          await writer.close();
          await Promise.allSettled([reader.stop(), producers.close(), ...(lane === "browser" ? [closeSharedBrowserPool()] : [])]);
          for (const c of conns) c.disconnect();
        },
      };
    },
  };
}

/** A job's payload, checked: a batch of planned slots or one check, of this worker's region. */
function parseJob(name: string, data: unknown, region: string): { batch: CheckBatchData; check?: never } | { batch?: never; check: CheckJobData } {
  if (name === CHECK_BATCH_JOB) {
    const batch = CheckBatchData.safeParse(data);
    if (!batch.success || batch.data.region !== region) throw new UnrecoverableError("invalid check batch payload");
    return { batch: batch.data };
  }
  const check = CheckJobData.safeParse(data);
  if (!check.success || check.data.region !== region) throw new UnrecoverableError("invalid check job payload");
  return { check: check.data };
}
