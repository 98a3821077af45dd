import { env } from "@/lib/env";
import { CheckQueues } from "@/lib/queue/check-queues";
import { key } from "@/lib/redis/client";
import { ChangeStreamReader } from "@/lib/scheduler/change-stream";
import { SlotScheduler, type SlotSchedulerDeps } from "@/lib/scheduler/slot-scheduler";
import type { WorkerModule } from "../context";

export type SchedulerModuleOptions = Partial<Pick<SlotSchedulerDeps, "tickMs" | "lookaheadMs" | "reconcileMs" | "lockTtlMs" | "regions">> & {
  onStarted?: (s: SlotScheduler) => void;
};

/** Runs in every worker process; only the leader enqueues (see lib/scheduler/slot-scheduler.ts). */
export function createSchedulerModule(opts: SchedulerModuleOptions = {}): WorkerModule {
  return {
    name: "scheduler",
    async start(ctx) {
      const queues = new CheckQueues();
      const scheduler = new SlotScheduler({
        db: ctx.db,
        redis: ctx.redis,
        enqueue: (jobs) => queues.enqueue(jobs),
        regions: opts.regions ?? env.REGIONS,
        instanceId: ctx.instanceId,
        keys: { lock: key("scheduler", "leader"), horizon: key("scheduler", "horizon") },
        log: ctx.log.child({ module: "scheduler" }),
        ...opts,
      });
      const streamConn = ctx.connection();
      const reader = new ChangeStreamReader(streamConn, key("monitor-changes"), (c) => scheduler.onChanges(c), ctx.log);
      await reader.mark();
      reader.start();
      scheduler.start();
      opts.onStarted?.(scheduler);
      return {
        async close() {
          await scheduler.stop();
          await Promise.allSettled([reader.stop(), queues.close()]);
        },
      };
    },
  };
}
