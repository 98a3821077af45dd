"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { retryFailedCheckJob } from "@/lib/cluster/retry-job";
import { ForbiddenError } from "@/lib/errors";
import { CHECK_LANES } from "@/lib/queue/connection";
import { sessionAction } from "../../_lib/session";

export type RetryState = { ok?: boolean; message?: string };

const RetryInput = z.object({ region: z.string().regex(/^[a-z0-9-]+$/), lane: z.enum(CHECK_LANES), jobId: z.string().min(1).max(200) });

/** A server action is a public endpoint: the verb requires an operator. */
export async function retryJobAction(_prev: RetryState, data: FormData): Promise<RetryState> {
  return sessionAction<RetryState>(
    async ({ ctx }) => {
      const input = RetryInput.safeParse({ region: data.get("region"), lane: data.get("lane"), jobId: data.get("jobId") });
      if (!input.success) return { message: "Unknown job" };
      let retried: boolean;
      try {
        retried = await retryFailedCheckJob(ctx, input.data.region, input.data.lane, input.data.jobId);
      } catch (err) {
        if (err instanceof ForbiddenError) throw err;
        return { message: "Could not reach the queue; try again" };
      }
      if (!retried) return { message: "That job is no longer failed" };
      revalidatePath("/admin/cluster");
      return { ok: true, message: "Queued again" };
    },
    ({ message }) => ({ message }),
  );
}
