import { listChecks, toApiCheck } from "@/lib/results/list-checks";
import { apiRoute, json } from "../../../_lib/handler";

/** GET /api/v1/monitors/{id}/checks?limit=&before= — newest first; `before` is the last item's startedAt. */
export const GET = apiRoute<{ id: string }>(async ({ ctx, req, params }) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  const rows = await listChecks(ctx, params.id, query);
  return json({ data: rows.map(toApiCheck) });
});
