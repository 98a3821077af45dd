"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createMonitor, deleteMonitor, getMonitorOrThrow, setMuted, setPaused, updateMonitor } from "@/lib/monitors";
import { checkNow, waitForCheckNow } from "@/lib/monitors/check-now";
import { formValuesFromFormData, inputFromFormValues, type MonitorFormState } from "@/lib/monitors/form";
import { orNotFound, requireSessionCtx, sessionAction } from "../_lib/session";

/** Create (monitorId null) or update from the shared form; the workspace always comes from the session. */
export async function saveMonitorAction(monitorId: string | null, prev: MonitorFormState, formData: FormData): Promise<MonitorFormState> {
  const values = formValuesFromFormData(formData);
  return sessionAction(
    async ({ ctx }) => {
      const input = inputFromFormValues(values);
      const saved = monitorId ? await updateMonitor(ctx, monitorId, input) : await createMonitor(ctx, input);
      revalidatePath("/monitors");
      // A new heartbeat's next step is wiring up its ping URL, which the edit page shows.
      if (!monitorId && saved.type === "heartbeat") redirect(`/monitors/${saved.id}/edit?created=1`);
      redirect(monitorId ? `/monitors?saved=${saved.id}` : `/monitors?created=${saved.id}`);
    },
    (failure) => ({ attempt: prev.attempt + 1, values, ...failure }),
  );
}

export async function setPausedAction(monitorId: string, paused: boolean): Promise<void> {
  const { ctx } = await requireSessionCtx();
  await orNotFound(setPaused(ctx, monitorId, paused));
  revalidatePath("/monitors");
  revalidatePath(`/monitors/${monitorId}`);
}

/** Mute stops a monitor's alerts; its checks and incidents go on. */
export async function setMutedAction(monitorId: string, muted: boolean): Promise<void> {
  const { ctx } = await requireSessionCtx();
  await orNotFound(setMuted(ctx, monitorId, muted));
  revalidatePath("/monitors");
  revalidatePath(`/monitors/${monitorId}`);
}

export async function deleteMonitorAction(monitorId: string, redirectTo?: string): Promise<void> {
  const { ctx } = await requireSessionCtx();
  await orNotFound(deleteMonitor(ctx, monitorId));
  revalidatePath("/monitors");
  if (redirectTo === "/monitors") redirect("/monitors?deleted=1");
}

export type CheckNowState = {
  message?: string;
  results?: { region: string; ok: boolean; latencyMs: number | null; error: string | null; answers: string[] | null }[];
  /** Regions that had not answered when the wait ended. */
  pending?: string[];
};

/** "Check now": one check in every region of the monitor, waiting (up to its timeout + 5 s) for the results. */
export async function checkNowAction(monitorId: string): Promise<CheckNowState> {
  return sessionAction<CheckNowState>(
    async ({ ctx }) => {
      const monitor = await getMonitorOrThrow(ctx, monitorId);
      const run = await checkNow(ctx, monitorId);
      const rows = await waitForCheckNow(ctx, monitorId, run, Math.min(60, monitor.timeoutSeconds + 5) * 1000);
      revalidatePath(`/monitors/${monitorId}`);
      return {
        results: rows.map((r) => ({
          region: r.region,
          ok: r.ok,
          latencyMs: r.latencyMs,
          error: r.error,
          answers: Array.isArray(r.detail?.answers) ? (r.detail.answers as string[]) : null,
        })),
        pending: run.regions.filter((region) => !rows.some((r) => r.region === region)),
      };
    },
    (failure) => ({ message: failure.fields?._ ?? failure.message }),
  );
}
