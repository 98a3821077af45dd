"use server";

import { revalidatePath } from "next/cache";
import { notFound, redirect } from "next/navigation";
import { getSessionCtx } from "@/lib/auth/session";
import { NotFoundError } from "@/lib/errors";
import { acknowledgeIncident } from "@/lib/incidents/acknowledge";

/** The incident page's "Acknowledge" button. A resolved incident (409) just re-renders as it is. */
export async function acknowledgeIncidentAction(incidentId: string): Promise<void> {
  const session = await getSessionCtx();
  if (!session) redirect("/sign-in");
  try {
    await acknowledgeIncident(session.ctx, incidentId);
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    if ((err as { code?: string }).code !== "conflict") throw err;
  }
  revalidatePath(`/incidents/${incidentId}`);
}
