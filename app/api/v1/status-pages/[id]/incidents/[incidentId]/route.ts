import { editStatusPageIncident } from "@/lib/status-pages/incidents/edit-incident";
import { getStatusPage } from "@/lib/status-pages/get-status-page";
import { revalidateStatusPage } from "@/app/status/[slug]/revalidate";
import { apiRoute, json, readJson } from "../../../../_lib/handler";

type P = { id: string; incidentId: string };

export const PATCH = apiRoute<P>(async ({ ctx, params, req }) => {
  const incident = await editStatusPageIncident(ctx, params.id, params.incidentId, await readJson(req));
  revalidateStatusPage((await getStatusPage(ctx, params.id)).slug);
  return json(incident);
});
