import { ValidationError } from "@/lib/errors";
import { listPings } from "@/lib/heartbeats/list-pings";
import { apiRoute, json } from "../../../_lib/handler";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>(async ({ ctx, params, req }) => {
  const raw = new URL(req.url).searchParams.get("limit");
  const limit = raw === null ? 50 : Number(raw);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200)
    throw new ValidationError("Some fields are invalid", { limit: "limit must be an integer from 1 to 200" });
  return json({ data: await listPings(ctx, params.id, limit) });
});
