"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { createAlertChannel, deleteAlertChannel, sendTestAlert, setAlertChannelMuted } from "@/lib/alerts/channels";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { AppError, ValidationError } from "@/lib/errors";
import { log } from "@/lib/log";

export type ChannelFormState = { attempt: number; fields?: Record<string, string>; message?: string; ok?: boolean; values?: { target: string; monitorIds: string[] } };

async function workspaceId(): Promise<string> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return user.workspaceId;
}

export async function createChannelAction(prev: ChannelFormState, form: FormData): Promise<ChannelFormState> {
  const ws = await workspaceId();
  const values = { target: String(form.get("target") ?? ""), monitorIds: form.getAll("monitorIds").map(String) };
  const scope = String(form.get("scope") ?? "all");
  try {
    await createAlertChannel(db, ws, { type: "email", target: values.target, monitorIds: scope === "all" ? [] : values.monitorIds });
  } catch (err) {
    const attempt = prev.attempt + 1;
    if (err instanceof ValidationError) return { attempt, values, fields: err.fields, message: "Please fix the highlighted fields." };
    if (err instanceof AppError) return { attempt, values, message: err.message };
    log.error({ err }, "creating an alert channel failed");
    return { attempt, values, message: "Something went wrong on our side. Please try again." };
  }
  revalidatePath("/alerts");
  return { attempt: prev.attempt + 1, ok: true };
}

export async function setChannelMutedAction(id: string, muted: boolean): Promise<void> {
  await setAlertChannelMuted(db, await workspaceId(), id, muted);
  revalidatePath("/alerts");
}

export async function deleteChannelAction(id: string): Promise<void> {
  await deleteAlertChannel(db, await workspaceId(), id);
  revalidatePath("/alerts");
}

export async function sendTestAction(id: string): Promise<{ ok: boolean; message: string }> {
  try {
    await sendTestAlert(db, await workspaceId(), id);
    revalidatePath("/alerts");
    return { ok: true, message: "Test email queued; it should arrive within seconds." };
  } catch (err) {
    if (err instanceof AppError) return { ok: false, message: err.message };
    log.error({ err }, "test alert failed");
    return { ok: false, message: "Could not queue the test email. Please try again." };
  }
}
