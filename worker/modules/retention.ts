import { env } from "@/lib/env";
import { key } from "@/lib/redis/client";
import { pruneCheckResults } from "@/lib/results/prune-results";
import type { WorkerModule } from "../context";

const CHECK_EVERY_MS = 10 * 60_000;
const RUN_EVERY_MS = 6 * 3_600_000;

/**
 * Deletes raw check results older than RESULT_RETENTION_DAYS. Every worker looks every 10 minutes;
 * a Redis `SET NX PX 6h` gate lets exactly one of them run it per six hours.
 */
export function createRetentionModule(opts: { checkEveryMs?: number } = {}): WorkerModule {
  return {
    name: "retention",
    async start(ctx) {
      let running: Promise<unknown> = Promise.resolve();
      const run = async () => {
        const won = await ctx.redis.set(key("retention", "check-results"), ctx.instanceId, "PX", RUN_EVERY_MS, "NX");
        if (won !== "OK") return;
        const deleted = await pruneCheckResults(ctx.db, { olderThanDays: env.RESULT_RETENTION_DAYS });
        ctx.log.info({ deleted, days: env.RESULT_RETENTION_DAYS }, "old check results deleted");
      };
      const tick = () => {
        running = run().catch((err) => ctx.log.warn({ err }, "retention failed"));
      };
      const first = setTimeout(tick, 30_000);
      const timer = setInterval(tick, opts.checkEveryMs ?? CHECK_EVERY_MS);
      first.unref();
      timer.unref();
      return {
        async close() {
          clearTimeout(first);
          clearInterval(timer);
          await running;
        },
      };
    },
  };
}
