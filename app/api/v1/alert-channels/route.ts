import { createAlertChannel, listAlertChannels, toApiChannel } from "@/lib/alerts/channels";
import { apiRoute, json, readJson } from "../_lib/handler";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ ctx }) => json({ data: (await listAlertChannels(ctx)).map(toApiChannel) }));

export const POST = apiRoute(async ({ ctx, req }) => json(toApiChannel(await createAlertChannel(ctx, await readJson(req))), 201));
