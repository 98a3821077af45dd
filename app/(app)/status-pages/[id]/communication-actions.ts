"use server";

import { revalidatePath } from "next/cache";
import type { IncidentFormState } from "@/components/status-page/incident-form";
import { getStatusPage } from "@/lib/status-pages/get-status-page";
import { addStatusPageIncidentUpdate, postStatusPageIncident } from "@/lib/status-pages/incidents/post-incident";
import { editStatusPageIncident } from "@/lib/status-pages/incidents/edit-incident";
import type { LinkIncidentsState } from "@/components/status-page/link-incidents-form";
import { removeSubscriber } from "@/lib/status-pages/subscribers/manage";
import { updateStatusPage } from "@/lib/status-pages/save-status-page";
import { revalidateStatusPage } from "@/app/status/[slug]/revalidate";
import { orNotFound, requireSessionCtx, sessionAction } from "../../_lib/session";

/** Posts a new incident (incidentId null) or an update to one; the page and the workspace come from the session. */
export async function incidentAction(pageId: string, incidentId: string | null, prev: IncidentFormState, form: FormData): Promise<IncidentFormState> {
  const s = (k: string) => String(form.get(k) ?? "");
  const values = {
    title: s("title"),
    impact: s("impact"),
    status: s("status"),
    message: s("message"),
    monitorIds: form.getAll("monitorIds").map(String),
    linkedIncidentIds: form.getAll("linkedIncidentIds").map(String),
  };
  return sessionAction<IncidentFormState>(
    async ({ ctx }) => {
      if (incidentId) await addStatusPageIncidentUpdate(ctx, pageId, incidentId, { status: values.status, message: values.message });
      else await postStatusPageIncident(ctx, pageId, values);
      revalidateStatusPage((await getStatusPage(ctx, pageId)).slug);
      revalidatePath(`/status-pages/${pageId}/edit`);
      return { attempt: prev.attempt + 1, values: { ...values, title: "", message: "", linkedIncidentIds: [] }, done: true };
    },
    (failure) => ({ attempt: prev.attempt + 1, values, ...failure }),
  );
}

/** Replaces the automatic incidents linked to a posted one (the checked boxes are the whole new list). */
export async function linkIncidentsAction(pageId: string, incidentId: string, prev: LinkIncidentsState, form: FormData): Promise<LinkIncidentsState> {
  const linked = form.getAll("linkedIncidentIds").map(String);
  return sessionAction<LinkIncidentsState>(
    async ({ ctx }) => {
      const incident = await editStatusPageIncident(ctx, pageId, incidentId, { linkedIncidentIds: linked });
      revalidateStatusPage((await getStatusPage(ctx, pageId)).slug);
      revalidatePath(`/status-pages/${pageId}/edit`);
      return { attempt: prev.attempt + 1, linked: incident.linkedIncidentIds, done: true };
    },
    (failure) => ({ attempt: prev.attempt + 1, linked, ...failure }),
  );
}

export async function removeSubscriberAction(pageId: string, subscriberId: string): Promise<void> {
  const { ctx } = await requireSessionCtx();
  await orNotFound(removeSubscriber(ctx, pageId, subscriberId));
  revalidatePath(`/status-pages/${pageId}/edit`);
}

/** The two switches of this section: subscriptions on/off, automatic incidents shown/hidden. */
export async function setCommunicationSettingAction(pageId: string, field: "subscribersEnabled" | "showAutomaticIncidents", value: boolean): Promise<void> {
  const { ctx } = await requireSessionCtx();
  const page = await orNotFound(updateStatusPage(ctx, pageId, { [field]: value }));
  revalidateStatusPage(page.slug);
  revalidatePath(`/status-pages/${pageId}/edit`);
}
