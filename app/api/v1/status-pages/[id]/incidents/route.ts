import { listStatusPageIncidents } from "@/lib/status-pages/incidents/list-incidents";
import { postStatusPageIncident } from "@/lib/status-pages/incidents/post-incident";
import { getStatusPage } from "@/lib/status-pages/get-status-page";
import { revalidateStatusPage } from "@/app/status/[slug]/revalidate";
import { apiRoute, json, readJson } from "../../../_lib/handler";

type P = { id: string };

export const GET = apiRoute<P>(async ({ ctx, params }) => json({ data: await listStatusPageIncidents(ctx, params.id) }));

export const POST = apiRoute<P>(async ({ ctx, params, req }) => {
  const incident = await postStatusPageIncident(ctx, params.id, await readJson(req));
  revalidateStatusPage((await getStatusPage(ctx, params.id)).slug);
  return json(incident, 201);
});
