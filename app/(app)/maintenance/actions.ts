"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import type { MaintenanceFormState, MaintenanceFormValues } from "@/components/maintenance/maintenance-form";
import { createMaintenanceWindow, deleteMaintenanceWindow, updateMaintenanceWindow } from "@/lib/maintenance/save-window";
import { orNotFound, requireSessionCtx, sessionAction } from "../_lib/session";

function valuesFrom(form: FormData): MaintenanceFormValues {
  const s = (k: string) => String(form.get(k) ?? "");
  return {
    title: s("title"),
    description: s("description"),
    monitorIds: form.getAll("monitorIds").map(String),
    startsAt: s("startsAt"),
    endsAt: s("endsAt"),
    repeat: s("repeat") === "cron" ? "cron" : "once",
    cron: s("cron"),
    timezone: s("timezone") || "UTC",
    durationMinutes: s("durationMinutes"),
  };
}

/** The form's local date-times are UTC (the labels say so); an empty one stays empty for the field message. */
const utc = (local: string) => (!local ? "" : local.length === 16 ? `${local}:00Z` : `${local}Z`);

export async function saveMaintenanceWindowAction(id: string | null, prev: MaintenanceFormState, form: FormData): Promise<MaintenanceFormState> {
  const values = valuesFrom(form);
  return sessionAction(
    async ({ ctx }) => {
      const input = {
        title: values.title,
        description: values.description,
        monitorIds: values.monitorIds,
        startsAt: utc(values.startsAt),
        endsAt: utc(values.endsAt),
        recurrence: values.repeat === "cron" ? { cron: values.cron, timezone: values.timezone, durationMinutes: Number(values.durationMinutes) || 0 } : null,
      };
      if (id) await updateMaintenanceWindow(ctx, id, input);
      else await createMaintenanceWindow(ctx, input);
      revalidatePath("/maintenance");
      redirect("/maintenance");
    },
    (failure) => ({ attempt: prev.attempt + 1, values, ...failure }),
  );
}

export async function deleteMaintenanceWindowAction(id: string): Promise<void> {
  const { ctx } = await requireSessionCtx();
  await orNotFound(deleteMaintenanceWindow(ctx, id));
  revalidatePath("/maintenance");
  redirect("/maintenance");
}
