"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { AppError, NotFoundError, ValidationError } from "@/lib/errors";
import { log } from "@/lib/log";
import { createMonitor, deleteMonitor, setPaused, updateMonitor } from "@/lib/monitors";
import { formValuesFromFormData, inputFromFormValues, type MonitorFormState } from "@/lib/monitors/form";

async function workspaceId(): Promise<string> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return user.workspaceId;
}

/** Create (monitorId null) or update from the shared form; the workspace always comes from the session. */
export async function saveMonitorAction(monitorId: string | null, prev: MonitorFormState, formData: FormData): Promise<MonitorFormState> {
  const ws = await workspaceId();
  const values = formValuesFromFormData(formData);
  const input = inputFromFormValues(values);
  let saved: { id: string; type: string };
  try {
    saved = monitorId ? await updateMonitor(db, ws, monitorId, input) : await createMonitor(db, ws, input);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    const attempt = prev.attempt + 1;
    if (err instanceof ValidationError) return { attempt, values, fields: err.fields, message: "Please fix the highlighted fields." };
    if (err instanceof AppError) return { attempt, values, message: err.message };
    log.error({ err }, "saving a monitor failed");
    return { attempt, values, message: "Something went wrong on our side. Please try again in a moment." };
  }
  revalidatePath("/monitors");
  // A new heartbeat's next step is wiring up its ping URL, which the edit page shows.
  if (!monitorId && saved.type === "heartbeat") redirect(`/monitors/${saved.id}/edit?created=1`);
  redirect(monitorId ? `/monitors?saved=${saved.id}` : `/monitors?created=${saved.id}`);
}

export async function setPausedAction(monitorId: string, paused: boolean): Promise<void> {
  const ws = await workspaceId();
  try {
    await setPaused(db, ws, monitorId, paused);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
  revalidatePath("/monitors");
  revalidatePath(`/monitors/${monitorId}`);
}

export async function deleteMonitorAction(monitorId: string, redirectTo?: string): Promise<void> {
  const ws = await workspaceId();
  try {
    await deleteMonitor(db, ws, monitorId);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
  revalidatePath("/monitors");
  if (redirectTo === "/monitors") redirect("/monitors?deleted=1");
}
