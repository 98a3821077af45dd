import { deleteAlertChannel, getAlertChannelOrThrow, toApiChannel, updateAlertChannel } from "@/lib/alerts/channels";
import { apiRoute, json, readJson } from "../../_lib/handler";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(async ({ ctx, params }) => json(toApiChannel(await getAlertChannelOrThrow(ctx, params.id))));

export const PATCH = apiRoute<{ id: string }>(async ({ ctx, params, req }) =>
  json(toApiChannel(await updateAlertChannel(ctx, params.id, await readJson(req)))),
);

export const DELETE = apiRoute<{ id: string }>(async ({ ctx, params }) => {
  await deleteAlertChannel(ctx, params.id);
  return new Response(null, { status: 204 });
});
