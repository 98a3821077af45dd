import http from "node:http";
import type { Redis } from "@upstash/redis";
import IORedis from "ioredis";
import { env } from "../env";
import { createKeyValue, kv } from "../redis/client";
import type { IngestDeps } from "./ingest";
import { ALLOWED_METHODS, ingestPing } from "./ingest";
import { resolveClientIp } from "../http/client-ip";
import { createSecurityHeaderSetter, type SecurityHeaderOptions } from "../http/security-headers";
import { readNodeBody } from "./http";

const PATH_RE = /^\/ping\/([^/?#]+)(?:\/([^/?#]+))?\/?(?:[?#].*)?$/;

/**
 * The ping path's Redis: its own connection with auto-pipelining (commands issued in the same tick share
 * one write), still behind the app's @upstash/redis interface; with UPSTASH_REDIS_REST_URL set it is the
 * REST client as usual.
 */
export function ingestStore(): Redis {
  if (env.UPSTASH_REDIS_REST_URL) return kv();
  // No offline queue: while Redis is unreachable a ping gets its 503 (retry) at once, instead of waiting for
  // the next reconnect attempt to fail (up to 2 s each, growing with the back-off).
  return createKeyValue({ redis: new IORedis(env.REDIS_URL, { enableAutoPipelining: true, maxRetriesPerRequest: 1, enableOfflineQueue: false }) });
}

export const isPingPath = (url: string | undefined) => url?.startsWith("/ping/") ?? false;

/**
 * The lean ingest: a node:http handler for exactly the /ping paths, calling the same ingestPing as the
 * Next route. No framework, no session, no rendering: per request it parses the path, reads ≤ 10 KB and
 * makes one Redis round trip. The web server mounts it in front of Next; `npm run ingest` serves it alone.
 */
export function createIngestHandler(deps: IngestDeps): (req: http.IncomingMessage, res: http.ServerResponse) => Promise<void> {
  return async (req, res) => {
    const send = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", ...headers });
      res.end(req.method === "HEAD" ? undefined : body);
    };
    try {
      const m = PATH_RE.exec(req.url ?? "");
      if (!m) return send(404, "not found\n");
      const method = (req.method ?? "GET").toUpperCase();
      if (!["GET", "POST", "HEAD"].includes(method)) {
        req.resume();
        return send(405, "method not allowed\n", { allow: ALLOWED_METHODS });
      }
      const { body, bodyTruncated } = method === "POST" ? await readNodeBody(req) : (req.resume(), { body: null, bodyTruncated: false });
      const result = await ingestPing(deps, {
        method,
        token: decodeURIComponent(m[1]),
        suffix: m[2] !== undefined ? decodeURIComponent(m[2]) : undefined,
        sourceIp: resolveClientIp(req.headers["x-forwarded-for"], req.socket.remoteAddress, env.TRUST_PROXY_HOPS).slice(0, 64),
        userAgent: req.headers["user-agent"] ?? null,
        body,
        bodyTruncated,
      });
      send(result.status, result.body, result.headers);
    } catch {
      if (!res.headersSent) send(503, "temporarily unavailable, retry\n", { "retry-after": "1" });
    }
  };
}

/**
 * `npm run ingest`'s server: the handler alone, with the security headers the web server sets on the same
 * paths (server.ts sets them before it mounts the handler).
 */
export function createIngestServer(deps: IngestDeps, headers: SecurityHeaderOptions = { appUrl: env.APP_URL }): http.Server {
  const handle = createIngestHandler(deps);
  const setSecurityHeaders = createSecurityHeaderSetter(headers);
  const server = http.createServer((req, res) => {
    setSecurityHeaders(req.url, res);
    return handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  return server;
}
