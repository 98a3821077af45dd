import { verb } from "../context";
import type { CheckLane } from "../queue/connection";
import { retryFailedJob } from "../queue/inspect";

/** Moves a failed check job of a region's lane back to waiting (operators only); false when it is gone or no longer failed. */
export const retryFailedCheckJob = verb("operator", async (_ctx, region: string, lane: CheckLane, jobId: string): Promise<boolean> => {
  return retryFailedJob(region, lane, jobId);
});
