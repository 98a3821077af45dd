import { db } from "@/lib/db/client";
import { listChecks, toApiCheck } from "@/lib/results/list-checks";
import { apiRoute, json } from "../../../_lib/handler";

/** GET /api/v1/monitors/{id}/checks?limit=&before= — newest first; `before` is the last item's startedAt. */
export const GET = apiRoute<{ id: string }>(async ({ workspaceId, req, params }) => {
  const query = Object.fromEntries(new URL(req.url).searchParams);
  const rows = await listChecks(db, workspaceId, params.id, query);
  return json({ data: rows.map(toApiCheck) });
});
