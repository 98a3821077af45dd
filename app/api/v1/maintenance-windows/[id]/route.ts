import { getMaintenanceWindow } from "@/lib/maintenance/get-window";
import { deleteMaintenanceWindow, updateMaintenanceWindow } from "@/lib/maintenance/save-window";
import { apiRoute, json, readJson } from "../../_lib/handler";

type P = { id: string };

export const GET = apiRoute<P>(async ({ ctx, params }) => json(await getMaintenanceWindow(ctx, params.id)));

export const PATCH = apiRoute<P>(async ({ ctx, params, req }) => json(await updateMaintenanceWindow(ctx, params.id, await readJson(req))));

export const DELETE = apiRoute<P>(async ({ ctx, params }) => {
  await deleteMaintenanceWindow(ctx, params.id);
  return new Response(null, { status: 204 });
});
