"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getSessionUser } from "@/lib/auth/session";
import { retryFailedJob } from "@/lib/queue/inspect";

export type RetryState = { ok?: boolean; message?: string };

const RetryInput = z.object({ region: z.string().regex(/^[a-z0-9-]+$/), jobId: z.string().min(1).max(200) });

/** A server action is a public endpoint: it checks the admin flag itself. */
export async function retryJobAction(_prev: RetryState, data: FormData): Promise<RetryState> {
  const user = await getSessionUser();
  if (!user?.isAdmin) return { message: "Only admins can do that" };
  const input = RetryInput.safeParse({ region: data.get("region"), jobId: data.get("jobId") });
  if (!input.success) return { message: "Unknown job" };
  try {
    const retried = await retryFailedJob(input.data.region, input.data.jobId);
    if (!retried) return { message: "That job is no longer failed" };
  } catch {
    return { message: "Could not reach the queue; try again" };
  }
  revalidatePath("/admin/cluster");
  return { ok: true, message: "Queued again" };
}
