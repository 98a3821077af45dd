/** Test support for the cluster module (cluster.test.ts, metrics-listen.test.ts). Not collected by vitest. */
import { afterAll } from "vitest";
import { closeDb } from "@/lib/db/client";
import { closeInspectQueues } from "@/lib/queue/inspect";
import { closeRedis } from "@/lib/redis/client";
import { freePort, isolatePrefix } from "@/tests/helpers";
import type { WorkerContext } from "./context";
import { createClusterModule, type ClusterModuleOptions } from "./modules/cluster";

/** Call once at the top of a test file: its own Redis prefix, and every connection the module opens closed after it. */
export function isolateClusterTests(label: string): void {
  const iso = isolatePrefix(label);
  afterAll(async () => {
    await closeInspectQueues();
    await iso.cleanup();
    await closeRedis();
    await closeDb();
  });
}

/** Starts the cluster module with /metrics and /healthz on a free port (a slow heartbeat unless given). */
export async function startClusterModule(ctx: WorkerContext, opts: Omit<ClusterModuleOptions, "metricsPort"> = {}) {
  const port = await freePort();
  const mod = await createClusterModule({ heartbeatMs: 60_000, ...opts, metricsPort: port }).start(ctx);
  return { mod, port };
}
