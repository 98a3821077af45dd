import { listMaintenanceWindows } from "@/lib/maintenance/get-window";
import { createMaintenanceWindow } from "@/lib/maintenance/save-window";
import { apiRoute, json, readJson } from "../_lib/handler";

export const GET = apiRoute(async ({ ctx }) => json({ data: await listMaintenanceWindows(ctx) }));

export const POST = apiRoute(async ({ ctx, req }) => json(await createMaintenanceWindow(ctx, await readJson(req)), 201));
