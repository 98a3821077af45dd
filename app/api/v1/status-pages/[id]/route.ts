import { getStatusPage } from "@/lib/status-pages/get-status-page";
import { deleteStatusPage, updateStatusPage } from "@/lib/status-pages/save-status-page";
import { revalidateStatusPage } from "@/app/status/[slug]/revalidate";
import { apiRoute, json, readJson } from "../../_lib/handler";

type P = { id: string };

export const GET = apiRoute<P>(async ({ ctx, params }) => json(await getStatusPage(ctx, params.id)));

export const PATCH = apiRoute<P>(async ({ ctx, params, req }) => {
  const before = await getStatusPage(ctx, params.id);
  const page = await updateStatusPage(ctx, params.id, await readJson(req));
  revalidateStatusPage(before.slug, page.slug);
  return json(page);
});

export const DELETE = apiRoute<P>(async ({ ctx, params }) => {
  const before = await getStatusPage(ctx, params.id);
  await deleteStatusPage(ctx, params.id);
  revalidateStatusPage(before.slug);
  return new Response(null, { status: 204 });
});
