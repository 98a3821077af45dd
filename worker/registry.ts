import { browserLane } from "@/lib/checks/browser-lane";
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
/** Browser checks only where asked (WORKER_BROWSER=true) and Chromium is there: their own queue per region. */
export const browserLaneVerdict = browserLane({ enabled: env.WORKER_BROWSER, chromiumPath: env.CHROMIUM_PATH });

export const workerModules: WorkerModule[] = [
  // cluster first so the instance is registered before it takes work, and deregistered last.
  createClusterModule({ browser: browserLaneVerdict.runs }),
  rollupsModule,
  heartbeatsModule,
  alertsModule,
  createChecksModule(),
  ...(browserLaneVerdict.runs ? [createChecksModule({ lane: "browser" })] : []),
  createSchedulerModule(),
  createRetentionModule(),
  statusCommunicationModule,
];
