import { PingConsumer } from "@/lib/heartbeats/consumer";
import { warmPingTokenCache } from "@/lib/heartbeats/cache";
import { sweepHeartbeatDeadlines } from "@/lib/heartbeats/sweep-deadlines";
import { kv } from "@/lib/redis/client";
import type { WorkerModule } from "../context";

const SWEEP_EVERY_MS = 1000;
// Re-warm now and then, so a cache entry lost to a failed after-change sync heals itself.
const REWARM_EVERY_MS = 2 * 60_000;

/** Heartbeats in the fleet: the ping stream's batch writer, and the per-second deadline sweep. */
export const heartbeatsModule: WorkerModule = {
  name: "heartbeats",
  async start(ctx) {
    const log = ctx.log.child({ module: "heartbeats" });
    await warmPingTokenCache(ctx.db, kv()).catch((err) => log.error({ err }, "token cache warm-up failed"));
    const consumer = new PingConsumer({ db: ctx.db, redis: ctx.connection(), consumer: ctx.instanceId, log }).start();
    let sweeping = false;
    const sweep = setInterval(() => {
      if (sweeping) return;
      sweeping = true;
      sweepHeartbeatDeadlines(ctx.db)
        .then((n) => n && log.info({ n }, "heartbeat monitors went late"))
        .catch((err) => log.error({ err }, "deadline sweep failed"))
        .finally(() => (sweeping = false));
    }, SWEEP_EVERY_MS);
    const rewarm = setInterval(() => void warmPingTokenCache(ctx.db, kv()).catch((err) => log.error({ err }, "token cache re-warm failed")), REWARM_EVERY_MS);
    return {
      async close() {
        clearInterval(sweep);
        clearInterval(rewarm);
        await consumer.close();
      },
    };
  },
};
