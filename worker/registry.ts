import type { WorkerModule } from "./context";

/**
 * Every module the worker process runs, in start order (stopped in reverse).
 * Each team adds its module here; the modules themselves live in worker/modules/.
 */
export const workerModules: WorkerModule[] = [];
