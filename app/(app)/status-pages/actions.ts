"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { getSessionUser } from "@/lib/auth/session";
import { db } from "@/lib/db/client";
import { AppError, NotFoundError, ValidationError } from "@/lib/errors";
import { log } from "@/lib/log";
import { getStatusPage } from "@/lib/status-pages/get-status-page";
import { createStatusPage, deleteStatusPage, updateStatusPage } from "@/lib/status-pages/save-status-page";
import type { StatusPageFormState, StatusPageFormValues } from "@/components/status-page/status-page-form";
import { revalidateStatusPage } from "@/app/status/[slug]/revalidate";

async function workspaceId(): Promise<string> {
  const user = await getSessionUser();
  if (!user) redirect("/sign-in");
  return user.workspaceId;
}

function valuesFrom(form: FormData): StatusPageFormValues {
  let monitors: StatusPageFormValues["monitors"] = [];
  try {
    const parsed = JSON.parse(String(form.get("monitors") ?? "[]"));
    if (Array.isArray(parsed)) monitors = parsed.map((m) => ({ monitorId: String(m.monitorId ?? ""), displayName: String(m.displayName ?? ""), groupName: String(m.groupName ?? "") }));
  } catch {
    // A tampered field is just an empty list; validation speaks for the rest.
  }
  return { slug: String(form.get("slug") ?? ""), title: String(form.get("title") ?? ""), description: String(form.get("description") ?? ""), monitors };
}

/** Create (id null) or update; the workspace always comes from the session. */
export async function saveStatusPageAction(id: string | null, prev: StatusPageFormState, form: FormData): Promise<StatusPageFormState> {
  const ws = await workspaceId();
  const values = valuesFrom(form);
  const input = { ...values, monitors: values.monitors.map((m) => ({ ...m, groupName: m.groupName || null })) };
  let saved: { id: string; slug: string };
  try {
    const before = id ? await getStatusPage(db, ws, id) : null;
    saved = id ? await updateStatusPage(db, ws, id, input) : await createStatusPage(db, ws, input);
    if (before) revalidateStatusPage(before.slug);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    const attempt = prev.attempt + 1;
    if (err instanceof ValidationError) return { attempt, values, fields: err.fields, message: "Please fix the highlighted fields." };
    if (err instanceof AppError) return { attempt, values, fields: err.fields, message: err.message };
    log.error({ err }, "saving a status page failed");
    return { attempt, values, message: "Something went wrong on our side. Please try again in a moment." };
  }
  revalidateStatusPage(saved.slug);
  revalidatePath("/status-pages");
  redirect(`/status-pages?saved=${saved.id}`);
}

export async function deleteStatusPageAction(id: string): Promise<void> {
  const ws = await workspaceId();
  try {
    const page = await getStatusPage(db, ws, id);
    await deleteStatusPage(db, ws, id);
    revalidateStatusPage(page.slug);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
  revalidatePath("/status-pages");
  redirect("/status-pages");
}
