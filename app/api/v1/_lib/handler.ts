import { authenticateApiKey } from "@/lib/api-keys/api-keys";
import { db } from "@/lib/db/client";
import { AppError, RateLimitedError, UnauthorizedError, ValidationError } from "@/lib/errors";
import { log } from "@/lib/log";
import type { Ctx } from "@/lib/context";

/** `ctx` is what lib verbs take; workspaceId and keyId stay for routes not yet moved onto it. */
export type ApiContext<P> = { ctx: Ctx; workspaceId: string; keyId: string; req: Request; params: P };

function errorResponse(err: AppError): Response {
  const body: { error: { code: string; message: string; fields?: Record<string, string> } } = { error: { code: err.code, message: err.message } };
  if (err.fields) body.error.fields = err.fields;
  const headers: Record<string, string> = {};
  if (err instanceof RateLimitedError) headers["retry-after"] = String(err.retryAfterSeconds);
  return Response.json(body, { status: err.status, headers });
}

/** Reads a JSON body; anything that isn't a JSON object is a 400 with a clear message. */
export async function readJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (text.length > 256 * 1024) throw new ValidationError("Request body is too large");
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new ValidationError("Request body must be valid JSON");
  }
}

/**
 * Wraps a v1 route: authenticates the bearer key (the workspace comes from the key, never the client),
 * awaits the route params and maps every error to the contract's JSON shape once.
 */
export function apiRoute<P = Record<string, never>>(fn: (ctx: ApiContext<P>) => Promise<Response>) {
  return async (req: Request, route: { params: Promise<P> }): Promise<Response> => {
    try {
      const header = req.headers.get("authorization") ?? "";
      const match = /^Bearer\s+(\S+)$/i.exec(header);
      const auth = match ? await authenticateApiKey(db, match[1]) : null;
      if (!auth) throw new UnauthorizedError(match ? "Invalid or revoked API key" : "Missing Authorization: Bearer <api key>");
      const params = (await route?.params) ?? ({} as P);
      // An API key acts as an admin of its workspace (roles for keys come with teams).
      const ctx: Ctx = { db, workspaceId: auth.workspaceId, actor: { kind: "apiKey", id: auth.keyId, label: `API key ${auth.keyName}`, role: "admin", operator: false } };
      return await fn({ ctx, workspaceId: auth.workspaceId, keyId: auth.keyId, req, params });
    } catch (err) {
      if (err instanceof AppError) return errorResponse(err);
      log.error({ err }, "api route failed");
      return Response.json({ error: { code: "internal", message: "Something went wrong on our side" } }, { status: 500 });
    }
  };
}

export function json(data: unknown, status = 200): Response {
  return Response.json(data, { status });
}
