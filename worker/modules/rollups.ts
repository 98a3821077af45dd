import { runRollup } from "@/lib/rollups/run-rollup";
import type { WorkerModule } from "../context";

/**
 * Every worker runs this loop; pg_try_advisory_xact_lock lets one of them roll up at a time (the others
 * skip that tick), so adding workers never double counts. A run rolls up the horizon taken by the previous
 * one (see lib/rollups/run-rollup.ts), so rows reach the rollups 20–40 s after they commit.
 */
export function createRollupsModule(opts: { everyMs?: number; minAgeMs?: number } = {}): WorkerModule {
  const everyMs = opts.everyMs ?? 20_000;
  return {
    name: "rollups",
    async start(ctx) {
      let stopped = false;
      let timer: NodeJS.Timeout | undefined;
      let running: Promise<void> = Promise.resolve();
      // Jitter spreads the workers' attempts so they don't all wake in the same millisecond.
      const jitter = () => Math.floor(Math.random() * Math.min(2_000, everyMs / 4));

      const tick = () => {
        running = (async () => {
          try {
            const run = await runRollup(ctx.db, { minAgeMs: opts.minAgeMs });
            if (run.rows > 0) ctx.log.debug({ rows: run.rows, watermark: run.watermark }, "rolled up check results");
          } catch (err) {
            ctx.log.error({ err }, "rollup failed; retrying next tick");
          }
        })();
        void running.then(() => {
          if (!stopped) timer = setTimeout(tick, everyMs + jitter());
        });
      };
      timer = setTimeout(tick, Math.min(1_000, everyMs) + jitter());

      return {
        async close() {
          stopped = true;
          if (timer) clearTimeout(timer);
          await running;
        },
      };
    },
  };
}

export const rollupsModule = createRollupsModule();
