import { env } from "@/lib/env";
import { key } from "@/lib/redis/client";
import { pruneCheckResults } from "@/lib/results/prune-results";
import { runRetention } from "@/lib/retention/run-retention";
import type { WorkerContext, WorkerModule } from "../context";

const CHECK_EVERY_MS = 10 * 60_000;
const HOUR = 3_600_000;

type Job = { name: string; everyMs: number; run(ctx: WorkerContext): Promise<{ capped: boolean }> };

const JOBS: Job[] = [
  {
    name: "check-results",
    everyMs: 6 * HOUR,
    async run(ctx) {
      const deleted = await pruneCheckResults(ctx.db, { olderThanDays: env.RESULT_RETENTION_DAYS });
      ctx.log.info({ deleted, days: env.RESULT_RETENTION_DAYS }, "old check results deleted");
      return { capped: false };
    },
  },
  {
    // Pings grow fastest (a chatty token writes ~170,000 a day), hence hourly.
    name: "growth",
    everyMs: HOUR,
    async run(ctx) {
      const report = await runRetention(ctx.db, env);
      ctx.log.info(Object.fromEntries(Object.entries(report).map(([k, r]) => [k, r.rows])), "retention pass done");
      return { capped: Object.values(report).some((r) => r.capped) };
    },
  },
];

/**
 * Retention of everything that grows (lib/results/prune-results.ts, lib/retention/). Every worker looks
 * every 10 minutes; per job a Redis `SET NX PX <period>` gate lets exactly one of them run it per period.
 * A pass that stopped at its row cap clears its gate, so the backlog is picked up at the next look.
 */
export function createRetentionModule(opts: { checkEveryMs?: number; firstAfterMs?: number } = {}): WorkerModule {
  return {
    name: "retention",
    async start(ctx) {
      let running: Promise<unknown> = Promise.resolve();
      let closed = false;
      const run = async () => {
        for (const job of JOBS) {
          if (closed) return;
          try {
            const gate = key("retention", job.name);
            const won = await ctx.redis.set(gate, ctx.instanceId, "PX", job.everyMs, "NX");
            if (won !== "OK") continue;
            const { capped } = await job.run(ctx);
            if (capped) await ctx.redis.del(gate);
          } catch (err) {
            ctx.log.warn({ err, job: job.name }, "retention failed");
          }
        }
      };
      // Chained, so a slow pass and the next look never overlap in one process.
      const tick = () => {
        running = running.then(run);
      };
      const first = setTimeout(tick, opts.firstAfterMs ?? 30_000);
      const timer = setInterval(tick, opts.checkEveryMs ?? CHECK_EVERY_MS);
      first.unref();
      timer.unref();
      return {
        async close() {
          closed = true;
          clearTimeout(first);
          clearInterval(timer);
          await running;
        },
      };
    },
  };
}
