import { apiRoute, json } from "../../_lib/handler";
import { readCappedText } from "@/lib/http/read-capped-body";
import { importUptimeKuma } from "@/lib/imports/uptime-kuma/import";
import { MAX_IMPORT_BYTES } from "@/lib/imports/uptime-kuma/parse";

export const dynamic = "force-dynamic";

/**
 * POST /api/v1/imports/uptime-kuma with an Uptime Kuma backup JSON as the body →
 * {"created": n, "skipped": [{name, reason}], "monitors": [...]}. Backups are larger than the API's usual
 * 256 KiB body cap, so this route reads up to the import's own limit (still refused before buffering).
 */
export const POST = apiRoute(async ({ ctx, req }) => {
  const result = await importUptimeKuma(ctx, await readCappedText(req, MAX_IMPORT_BYTES));
  return json(result);
});
