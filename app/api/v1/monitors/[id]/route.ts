import { apiRoute, json, readJson } from "../../_lib/handler";
import { db } from "@/lib/db/client";
import { deleteMonitor, getMonitorOrThrow, toApiMonitor, updateMonitor } from "@/lib/monitors";

export const dynamic = "force-dynamic";

type Params = { id: string };

export const GET = apiRoute<Params>(async ({ workspaceId, params }) => {
  return json(toApiMonitor(await getMonitorOrThrow(db, workspaceId, params.id)));
});

/** PATCH: any subset of the monitor's fields, and/or {"paused": true|false}. */
export const PATCH = apiRoute<Params>(async ({ workspaceId, params, req }) => {
  return json(toApiMonitor(await updateMonitor(db, workspaceId, params.id, await readJson(req))));
});

export const DELETE = apiRoute<Params>(async ({ workspaceId, params }) => {
  await deleteMonitor(db, workspaceId, params.id);
  return new Response(null, { status: 204 });
});
