"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getStatusPage } from "@/lib/status-pages/get-status-page";
import { createStatusPage, deleteStatusPage, updateStatusPage } from "@/lib/status-pages/save-status-page";
import type { StatusPageFormState, StatusPageFormValues } from "@/components/status-page/status-page-form";
import { revalidateStatusPage } from "@/app/status/[slug]/revalidate";
import { orNotFound, requireSessionCtx, sessionAction } from "../_lib/session";

function valuesFrom(form: FormData): StatusPageFormValues {
  let monitors: StatusPageFormValues["monitors"] = [];
  try {
    const parsed = JSON.parse(String(form.get("monitors") ?? "[]"));
    if (Array.isArray(parsed))
      monitors = parsed.map((m) => ({ monitorId: String(m.monitorId ?? ""), displayName: String(m.displayName ?? ""), groupName: String(m.groupName ?? "") }));
  } catch {
    // A tampered field is just an empty list; validation speaks for the rest.
  }
  return {
    slug: String(form.get("slug") ?? ""),
    title: String(form.get("title") ?? ""),
    description: String(form.get("description") ?? ""),
    monitors,
    branding: brandingFrom(form),
  };
}

function brandingFrom(form: FormData): NonNullable<StatusPageFormValues["branding"]> {
  let footerLinks: { label: string; url: string }[] = [];
  try {
    const parsed = JSON.parse(String(form.get("footerLinks") ?? "[]"));
    if (Array.isArray(parsed)) footerLinks = parsed.map((l) => ({ label: String(l?.label ?? ""), url: String(l?.url ?? "") }));
  } catch {
    // As for monitors: a tampered field is an empty list.
  }
  const theme = String(form.get("theme") ?? "auto");
  return {
    customDomain: String(form.get("customDomain") ?? ""),
    theme: theme === "light" || theme === "dark" ? theme : "auto",
    accentColor: String(form.get("accentColor") ?? ""),
    logoUrl: String(form.get("logoUrl") ?? ""),
    footerLinks,
    hidePoweredBy: form.get("hidePoweredBy") === "on",
  };
}

/** Create (id null) or update; the workspace always comes from the session. */
export async function saveStatusPageAction(id: string | null, prev: StatusPageFormState, form: FormData): Promise<StatusPageFormState> {
  const values = valuesFrom(form);
  return sessionAction(
    async ({ ctx }) => {
      const { branding, ...page } = values;
      const input = { ...page, ...branding, monitors: values.monitors.map((m) => ({ ...m, groupName: m.groupName || null })) };
      const before = id ? await getStatusPage(ctx, id) : null;
      const saved = id ? await updateStatusPage(ctx, id, input) : await createStatusPage(ctx, input);
      if (before) revalidateStatusPage(before.slug);
      revalidateStatusPage(saved.slug);
      revalidatePath("/status-pages");
      redirect(`/status-pages?saved=${saved.id}`);
    },
    (failure) => ({ attempt: prev.attempt + 1, values, ...failure }),
  );
}

export async function deleteStatusPageAction(id: string): Promise<void> {
  const { ctx } = await requireSessionCtx();
  const page = await orNotFound(getStatusPage(ctx, id));
  await orNotFound(deleteStatusPage(ctx, id));
  revalidateStatusPage(page.slug);
  revalidatePath("/status-pages");
  redirect("/status-pages");
}
