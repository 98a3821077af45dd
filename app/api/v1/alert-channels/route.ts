import { createAlertChannel, listAlertChannels, toApiChannel } from "@/lib/alerts/channels";
import { db } from "@/lib/db/client";
import { apiRoute, json, readJson } from "../_lib/handler";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ workspaceId }) => json({ data: (await listAlertChannels(db, workspaceId)).map(toApiChannel) }));

export const POST = apiRoute(async ({ workspaceId, req }) => json(toApiChannel(await createAlertChannel(db, workspaceId, await readJson(req))), 201));
