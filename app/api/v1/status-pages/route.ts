import { db } from "@/lib/db/client";
import { listStatusPages } from "@/lib/status-pages/get-status-page";
import { createStatusPage } from "@/lib/status-pages/save-status-page";
import { revalidateStatusPage } from "@/app/status/[slug]/revalidate";
import { apiRoute, json, readJson } from "../_lib/handler";

export const GET = apiRoute(async ({ workspaceId }) => json({ data: await listStatusPages(db, workspaceId) }));

export const POST = apiRoute(async ({ workspaceId, req }) => {
  const page = await createStatusPage(db, workspaceId, await readJson(req));
  revalidateStatusPage(page.slug);
  return json(page, 201);
});
