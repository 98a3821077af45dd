/**
 * The response cache's stored copies: what of an origin's answer is kept (and gzipped once), and how a
 * copy or a passed-through answer is written to a visitor.
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { promisify } from "node:util";
import { gzip as gzipCb } from "node:zlib";

const gzip = promisify(gzipCb);

export type OriginResponse = { status: number; headers: Record<string, string | string[] | undefined>; body: Buffer };

export type Entry = {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  gzipped: Buffer | null;
  etag: string;
  storedAt: number;
  bytes: number;
};

const CACHEABLE_STATUS = new Set([200, 404]);
// Hop-by-hop headers and the length: never copied from the origin's answer.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length"]);
// Not kept in a stored copy either: set per answer by this cache, or not for every visitor.
const NOT_STORED = new Set([...HOP_BY_HOP, "content-encoding", "date", "etag", "set-cookie", "x-powered-by", "age"]);
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml)|image\/svg\+xml)/;

export async function toEntry(origin: OriginResponse, storedAt: number, overrideCacheControl?: string): Promise<Entry | null> {
  if (!CACHEABLE_STATUS.has(origin.status) || origin.headers["set-cookie"]) return null;
  const cacheControl = String(origin.headers["cache-control"] ?? "");
  if (!overrideCacheControl && /\b(private|no-store)\b/.test(cacheControl)) return null;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(origin.headers)) {
    if (value === undefined || NOT_STORED.has(name) || name.startsWith("x-nextjs")) continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  if (overrideCacheControl) headers["cache-control"] = overrideCacheControl;
  const compressible = origin.body.length > 1024 && COMPRESSIBLE.test(headers["content-type"] ?? "");
  const gzipped = compressible ? await gzip(origin.body) : null;
  if (compressible) headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : "Accept-Encoding";
  const etag = `W/"${createHash("sha1").update(origin.body).digest("base64url").slice(0, 22)}"`;
  return { status: origin.status, headers, body: origin.body, gzipped, etag, storedAt, bytes: origin.body.length + (gzipped?.length ?? 0) + 512 };
}

export function write(req: IncomingMessage, res: ServerResponse, e: Entry, outcome: string, ageMs: number) {
  const headers: Record<string, string> = { ...e.headers, etag: e.etag, age: String(Math.floor(ageMs / 1000)), "x-cache": outcome };
  if (e.status === 200 && req.headers["if-none-match"]?.split(/\s*,\s*/).includes(e.etag)) {
    res.writeHead(304, headers);
    res.end();
    return;
  }
  const body = e.gzipped && acceptsGzip(req.headers["accept-encoding"]) ? e.gzipped : e.body;
  if (body === e.gzipped) headers["content-encoding"] = "gzip";
  headers["content-length"] = String(body.length);
  res.writeHead(e.status, headers);
  res.end(req.method === "HEAD" ? undefined : body);
}

export function writeOrigin(req: IncomingMessage, res: ServerResponse, origin: OriginResponse) {
  const headers: Record<string, string | string[]> = { "x-cache": "BYPASS" };
  for (const [name, value] of Object.entries(origin.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  headers["content-length"] = String(origin.body.length);
  res.writeHead(origin.status, headers);
  res.end(req.method === "HEAD" ? undefined : origin.body);
}

export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  return header.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  });
}
