import { listStatusPages } from "@/lib/status-pages/get-status-page";
import { createStatusPage } from "@/lib/status-pages/save-status-page";
import { revalidateStatusPage } from "@/app/status/[slug]/revalidate";
import { apiRoute, json, readJson } from "../_lib/handler";

export const GET = apiRoute(async ({ ctx }) => json({ data: await listStatusPages(ctx) }));

export const POST = apiRoute(async ({ ctx, req }) => {
  const page = await createStatusPage(ctx, await readJson(req));
  revalidateStatusPage(page.slug);
  return json(page, 201);
});
