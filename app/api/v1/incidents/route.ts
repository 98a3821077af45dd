import { listIncidents, toApiIncident } from "@/lib/incidents/list-incidents";
import { apiRoute, json } from "../_lib/handler";

/** GET /api/v1/incidents?monitorId=&status=open|resolved&limit= — open first, then newest first. */
export const GET = apiRoute(async ({ ctx, req }) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  const rows = await listIncidents(ctx, query);
  return json({ data: rows.map(toApiIncident) });
});
