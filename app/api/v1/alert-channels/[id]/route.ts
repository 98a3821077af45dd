import { deleteAlertChannel } from "@/lib/alerts/channels";
import { db } from "@/lib/db/client";
import { apiRoute } from "../../_lib/handler";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute<{ id: string }>(async ({ workspaceId, params }) => {
  await deleteAlertChannel(db, workspaceId, params.id);
  return new Response(null, { status: 204 });
});
