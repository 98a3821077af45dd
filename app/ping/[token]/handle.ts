import { db } from "@/lib/db/client";
import { clientIp, readWebBody } from "@/lib/heartbeats/http";
import { ALLOWED_METHODS, ingestPing } from "@/lib/heartbeats/ingest";
import { kv } from "@/lib/redis/client";

/** Thin shell: everything the endpoint decides lives in lib/heartbeats/ingest.ts (shared with `npm run ingest`). */
export async function handlePing(req: Request, params: Promise<{ token: string; kind?: string }>): Promise<Response> {
  const { token, kind } = await params;
  const method = req.method.toUpperCase();
  const { body, bodyTruncated } = method === "POST" ? await readWebBody(req.body) : { body: null, bodyTruncated: false };
  const result = await ingestPing(
    { kv: kv(), db: () => db },
    { method, token, suffix: kind, sourceIp: clientIp(req.headers.get("x-forwarded-for") ?? req.headers.get("x-real-ip")), userAgent: req.headers.get("user-agent"), body, bodyTruncated },
  );
  const headers = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...result.headers };
  return new Response(method === "HEAD" ? null : result.body, { status: result.status, headers });
}

export function methodNotAllowed(): Response {
  return new Response("method not allowed\n", { status: 405, headers: { allow: ALLOWED_METHODS, "content-type": "text/plain; charset=utf-8" } });
}
