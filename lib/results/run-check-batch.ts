import { NotFoundError } from "../errors";
import type { CheckBatchData } from "../queue/check-jobs";
import { runCheckJob, type CheckJobDeps, type CheckJobOutcome } from "./run-check-job";

/** Runs a check when the worker has room for it (a p-limit limiter); the default runs it at once. */
export type CheckPermits = <T>(fn: () => Promise<T>) => Promise<T>;
const immediately: CheckPermits = (fn) => fn();

export type CheckBatchOutcome = { checked: number; skipped: number };

/**
 * A batch job: each check starts at its own slot (a batch spans at most BATCH_SPAN_MS), all of them
 * side by side, each as runCheckJob does it alone. A deleted monitor is skipped. Any other failure fails
 * the batch once every check has finished, so BullMQ runs it again: the checks already stored are then
 * repeats of their slot, which the writer drops (check_results_slot_once), so nothing is stored twice.
 */
export async function runCheckBatch(deps: CheckJobDeps, batch: CheckBatchData, permits: CheckPermits = immediately): Promise<CheckBatchOutcome> {
  const settled = await Promise.allSettled(
    batch.checks.map(async (data): Promise<CheckJobOutcome> => {
      const wait = data.slot - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      try {
        return await permits(() => runCheckJob(deps, data));
      } catch (err) {
        if (err instanceof NotFoundError) return { status: "skipped", reason: "monitor no longer exists" };
        throw err;
      }
    }),
  );
  const failed = settled.filter((s): s is PromiseRejectedResult => s.status === "rejected");
  if (failed.length) {
    const first = failed[0].reason instanceof Error ? failed[0].reason.message : String(failed[0].reason);
    throw new Error(`${failed.length} of ${batch.checks.length} checks of the batch failed: ${first}`);
  }
  const outcomes = settled.map((s) => (s as PromiseFulfilledResult<CheckJobOutcome>).value);
  return { checked: outcomes.filter((o) => o.status === "checked").length, skipped: outcomes.filter((o) => o.status === "skipped").length };
}
