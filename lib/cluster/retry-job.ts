import { verb } from "../context";
import { retryFailedJob } from "../queue/inspect";

/** Moves a failed check job back to waiting (operators only); false when it is gone or no longer failed. */
export const retryFailedCheckJob = verb("operator", async (_ctx, region: string, jobId: string): Promise<boolean> => {
  return retryFailedJob(region, jobId);
});
