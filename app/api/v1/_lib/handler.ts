import { authenticateApiKey } from "@/lib/api-keys/api-keys";
import { hitApiKeyRateLimit, rateLimitHeaders } from "@/lib/api-keys/rate-limit";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { AppError, isUnstorableTextError, RateLimitedError, UnauthorizedError, ValidationError } from "@/lib/errors";
import { parseClientJson, queryHasNul } from "@/lib/http/parse-json";
import { readCappedText } from "@/lib/http/read-capped-body";
import { log } from "@/lib/log";
import { key, kv } from "@/lib/redis/client";
import type { Ctx } from "@/lib/context";

/** `ctx` is what lib verbs take: the workspace and the acting key reach a route only through it. */
export type ApiContext<P> = { ctx: Ctx; req: Request; params: P };

function errorResponse(err: AppError): Response {
  const body: { error: { code: string; message: string; fields?: Record<string, string> } } = { error: { code: err.code, message: err.message } };
  if (err.fields) body.error.fields = err.fields;
  const headers: Record<string, string> = {};
  if (err instanceof RateLimitedError) headers["retry-after"] = String(err.retryAfterSeconds);
  return Response.json(body, { status: err.status, headers });
}

/** Largest JSON body the API accepts (a status page with many monitors is a few KiB). */
export const MAX_JSON_BYTES = 256 * 1024;

/**
 * Reads a JSON body; anything that isn't JSON is a 400 with a clear message. The size is capped before
 * anything is buffered: a Content-Length over the cap, or a chunked body once it passes it, is a 413.
 */
export async function readJson(req: Request, maxBytes = MAX_JSON_BYTES): Promise<unknown> {
  const text = await readCappedText(req, maxBytes);
  return text ? parseClientJson(text) : {};
}

/**
 * Counts the request against the key's per-minute limit. Redis trouble lets the request through without
 * the headers (a limiter outage must not become an API outage); it is logged.
 */
async function rateLimit(keyId: string): Promise<{ headers: Record<string, string>; retryAfter: number | null }> {
  try {
    const r = await hitApiKeyRateLimit(kv(), key("rl", "api", keyId), env.API_RATE_LIMIT_PER_MINUTE);
    return { headers: rateLimitHeaders(r), retryAfter: r.allowed ? null : r.resetSeconds };
  } catch (err) {
    log.warn({ err: (err as Error).message }, "API rate limit unavailable; request let through");
    return { headers: {}, retryAfter: null };
  }
}

function withHeaders(res: Response, headers: Record<string, string>): Response {
  const entries = Object.entries(headers);
  if (entries.length === 0) return res;
  try {
    for (const [k, v] of entries) res.headers.set(k, v);
    return res;
  } catch {
    // A response with immutable headers (e.g. passed through from fetch): copy it.
    const copy = new Response(res.body, res);
    for (const [k, v] of entries) copy.headers.set(k, v);
    return copy;
  }
}

/**
 * Wraps a v1 route: authenticates the bearer key (the workspace comes from the key, never the client),
 * counts the request against the key's rate limit (every response to a key carries the RateLimit
 * headers; past the limit a 429 with Retry-After), awaits the route params and maps every error to the
 * contract's JSON shape once.
 */
export function apiRoute<P = Record<string, never>>(fn: (ctx: ApiContext<P>) => Promise<Response>) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    let limitHeaders: Record<string, string> = {};
    let res: Response;
    try {
      const header = req.headers.get("authorization") ?? "";
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const auth = match ? await authenticateApiKey(db, match[1]) : null;
      if (!auth) throw new UnauthorizedError(match ? "Invalid or revoked API key" : "Missing Authorization: Bearer <api key>");
      const limited = await rateLimit(auth.keyId);
      limitHeaders = limited.headers;
      if (limited.retryAfter !== null) throw new RateLimitedError(limited.retryAfter);
      // No query parameter means anything with a NUL, and Postgres can't compare text holding one.
      if (queryHasNul(new URL(req.url).searchParams)) throw new ValidationError("Query parameters must not contain NUL (%00) characters");
      const params = (await route?.params) ?? ({} as P);
      // An API key acts as an admin of its workspace (roles for keys come with teams).
      const ctx: Ctx = {
        db,
        workspaceId: auth.workspaceId,
        actor: { kind: "apiKey", id: auth.keyId, label: `API key ${auth.keyName}`, role: "admin", operator: false },
      };
      res = await fn({ ctx, req, params });
    } catch (err) {
      if (err instanceof AppError) res = errorResponse(err);
      // A NUL that got past readJson (text built by a route itself): the client's text, not our crash.
      else if (isUnstorableTextError(err)) res = errorResponse(new ValidationError("Text must not contain NUL (\\u0000) characters"));
      else {
        log.error({ err }, "api route failed");
        res = Response.json({ error: { code: "internal", message: "Something went wrong on our side" } }, { status: 500 });
      }
    }
    return withHeaders(res, limitHeaders);
  };
}

export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status });
}
