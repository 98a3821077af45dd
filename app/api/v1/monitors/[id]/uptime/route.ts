import { z } from "zod";
import { parseOrThrow } from "@/lib/errors";
import { WINDOW_NAMES } from "@/lib/uptime/compute";
import { getMonitorUptime } from "@/lib/uptime/get-uptime";
import { apiRoute, json } from "../../../_lib/handler";

const Query = z
  .object({ window: z.enum(WINDOW_NAMES as ["24h", "7d", "30d", "90d"], { message: "window must be one of 24h, 7d, 30d, 90d" }).default("24h") })
  .strict();
const Id = z.object({ id: z.string().uuid() });

/** GET /api/v1/monitors/{id}/uptime?window=24h|7d|30d|90d → { uptime, checks, downtimeSeconds }. */
export const GET = apiRoute<{ id: string }>(async ({ ctx, req, params }) => {
  const query = parseOrThrow(Query, Object.fromEntries(new URL(req.url).searchParams));
  const { id } = Id.safeParse(params).success ? params : { id: "" };
  if (!id) return json({ error: { code: "not_found", message: "Monitor not found" } }, 404);
  return json(await getMonitorUptime(ctx, { monitorId: id, window: query.window }));
});
