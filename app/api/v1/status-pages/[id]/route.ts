import { db } from "@/lib/db/client";
import { getStatusPage } from "@/lib/status-pages/get-status-page";
import { deleteStatusPage, updateStatusPage } from "@/lib/status-pages/save-status-page";
import { revalidateStatusPage } from "@/app/status/[slug]/revalidate";
import { apiRoute, json, readJson } from "../../_lib/handler";

type P = { id: string };

export const GET = apiRoute<P>(async ({ workspaceId, params }) => json(await getStatusPage(db, workspaceId, params.id)));

export const PATCH = apiRoute<P>(async ({ workspaceId, params, req }) => {
  const before = await getStatusPage(db, workspaceId, params.id);
  const page = await updateStatusPage(db, workspaceId, params.id, await readJson(req));
  revalidateStatusPage(before.slug, page.slug);
  return json(page);
});

export const DELETE = apiRoute<P>(async ({ workspaceId, params }) => {
  const before = await getStatusPage(db, workspaceId, params.id);
  await deleteStatusPage(db, workspaceId, params.id);
  revalidateStatusPage(before.slug);
  return new Response(null, { status: 204 });
});
