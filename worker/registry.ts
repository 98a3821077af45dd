import { env } from "@/lib/env";
import type { WorkerModule } from "./context";
import { rollupsModule } from "./modules/rollups";
import { alertsModule } from "./modules/alerts";
import { heartbeatsModule } from "./modules/heartbeats";
import { createClusterModule } from "./modules/cluster";
import { createChecksModule } from "./modules/checks";
import { createSchedulerModule } from "./modules/scheduler";
import { createRetentionModule } from "./modules/retention";
import { statusCommunicationModule } from "./modules/status-communication";

/**
 * Every module the worker process runs, in start order (stopped in reverse).
 * Each team adds its module here; the modules themselves live in worker/modules/.
 */
export const workerModules: WorkerModule[] = [
  // cluster first so the instance is registered before it takes work, and deregistered last.
  createClusterModule(),
  rollupsModule,
  heartbeatsModule,
  alertsModule,
  createChecksModule(),
  // Browser checks only where Chromium is (WORKER_BROWSER=true): their own queue per region.
  ...(env.WORKER_BROWSER ? [createChecksModule({ lane: "browser" })] : []),
  createSchedulerModule(),
  createRetentionModule(),
  statusCommunicationModule,
];
