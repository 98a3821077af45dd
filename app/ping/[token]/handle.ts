import { db } from "@/lib/db/client";
import { readWebBody } from "@/lib/heartbeats/http";
import { requestClientIp } from "@/lib/http/client-ip";
import { ALLOWED_METHODS, ingestPing } from "@/lib/heartbeats/ingest";
import { kv } from "@/lib/redis/client";

/** Thin shell: everything the endpoint decides lives in lib/heartbeats/ingest.ts (shared with `npm run ingest`). */
export async function handlePing(req: Request, params: Promise<{ token: string; kind?: string }>): Promise<Response> {
  const { token, kind } = await params;
  const method = req.method.toUpperCase();
  const { body, bodyTruncated } = method === "POST" ? await readWebBody(req.body) : { body: null, bodyTruncated: false };
  const result = await ingestPing(
    { kv: kv(), db: () => db },
    { method, token, suffix: kind, sourceIp: sourceIpOf(req.headers), userAgent: req.headers.get("user-agent"), body, bodyTruncated },
  );
  const headers = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...result.headers };
  return new Response(method === "HEAD" ? null : result.body, { status: result.status, headers });
}

function sourceIpOf(headers: Headers): string | null {
  const ip = requestClientIp(headers);
  return ip === "unknown" ? null : ip.slice(0, 64);
}

export function methodNotAllowed(): Response {
  return new Response("method not allowed\n", { status: 405, headers: { allow: ALLOWED_METHODS, "content-type": "text/plain; charset=utf-8" } });
}
