import { apiRoute, json, readJson } from "../_lib/handler";
import { db } from "@/lib/db/client";
import { createMonitor, listMonitors, toApiMonitor } from "@/lib/monitors";

export const dynamic = "force-dynamic";

/** GET /api/v1/monitors?limit=&cursor=&status=&type=&q= → {"data": [Monitor], "nextCursor"} */
export const GET = apiRoute(async ({ workspaceId, req }) => {
  // An empty parameter (?limit=) means "not given", as in most APIs.
  const query = Object.fromEntries([...new URL(req.url).searchParams].filter(([, v]) => v !== ""));
  const page = await listMonitors(db, workspaceId, query);
  return json({ data: page.monitors.map(toApiMonitor), nextCursor: page.nextCursor });
});

/** POST /api/v1/monitors → 201 Monitor */
export const POST = apiRoute(async ({ workspaceId, req }) => {
  const monitor = await createMonitor(db, workspaceId, await readJson(req));
  return json(toApiMonitor(monitor), 201);
});
