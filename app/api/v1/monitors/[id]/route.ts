import { apiRoute, json, readJson } from "../../_lib/handler";
import { deleteMonitor, getMonitorOrThrow, toApiMonitor, updateMonitor } from "@/lib/monitors";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ ctx, params }) => {
  return json(toApiMonitor(await getMonitorOrThrow(ctx, params.id)));
});

/** PATCH: any subset of the monitor's fields, and/or {"paused": true|false}. */
export const PATCH = apiRoute<Params>(async ({ ctx, params, req }) => {
  return json(toApiMonitor(await updateMonitor(ctx, params.id, await readJson(req))));
});

export const DELETE = apiRoute<Params>(async ({ ctx, params }) => {
  await deleteMonitor(ctx, params.id);
  return new Response(null, { status: 204 });
});
