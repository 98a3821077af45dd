import { apiRoute, json, readJson } from "../_lib/handler";
import { createMonitor, listMonitors, toApiMonitor } from "@/lib/monitors";

export const dynamic = "force-dynamic";

/** GET /api/v1/monitors?limit=&cursor=&status=&type=&q= → {"data": [Monitor], "nextCursor"} */
export const GET = apiRoute(async ({ ctx, req }) => {
  // An empty parameter (?limit=) means "not given", as in most APIs.
  const query = Object.fromEntries([...new URL(req.url).searchParams].filter(([, v]) => v !== ""));
  const page = await listMonitors(ctx, query);
  return json({ data: page.monitors.map(toApiMonitor), nextCursor: page.nextCursor });
});

/** POST /api/v1/monitors → 201 Monitor */
export const POST = apiRoute(async ({ ctx, req }) => {
  const monitor = await createMonitor(ctx, await readJson(req));
  return json(toApiMonitor(monitor), 201);
});
