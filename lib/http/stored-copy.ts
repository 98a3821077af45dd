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
  /**
   * The answer's headers as written, flat `[name, value, …]`, made once per stored copy: a hit only appends
   * its age and outcome. Written with `writeHead` on a response nobody set headers on, Node takes them as
   * they are instead of going through `setHeader` one by one.
   */
  wire: { notModified: string[]; identity: string[]; gzip: string[] | null };
};

/** Headers sent with every answer a cache writes, whatever the origin sent under the same names. */
export type FixedHeaders = readonly (readonly [string, string])[];

const CACHEABLE_STATUS = new Set([200, 404]);
// Hop-by-hop headers and the length: never copied from the origin's answer.
const HOP_BY_HOP = new Set(["connection", "keep-alive", "transfer-encoding", "content-length"]);
// Not kept in a stored copy either: set per answer by this cache, or not for every visitor.
const NOT_STORED = new Set([...HOP_BY_HOP, "content-encoding", "date", "etag", "set-cookie", "x-powered-by", "age"]);
const COMPRESSIBLE = /^(text\/|application\/(json|javascript|xml)|image\/svg\+xml)/;

export async function toEntry(origin: OriginResponse, storedAt: number, o: { cacheControl?: string; fixed?: FixedHeaders } = {}): Promise<Entry | null> {
  if (!CACHEABLE_STATUS.has(origin.status) || origin.headers["set-cookie"]) return null;
  const cacheControl = String(origin.headers["cache-control"] ?? "");
  if (!o.cacheControl && /\b(private|no-store)\b/.test(cacheControl)) return null;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(origin.headers)) {
    if (value === undefined || NOT_STORED.has(name) || name.startsWith("x-nextjs")) continue;
    headers[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  if (o.cacheControl) headers["cache-control"] = o.cacheControl;
  const compressible = origin.body.length > 1024 && COMPRESSIBLE.test(headers["content-type"] ?? "");
  const gzipped = compressible ? await gzip(origin.body) : null;
  if (compressible && !/(^|,)\s*accept-encoding\s*(,|$)/i.test(headers.vary ?? "")) {
    headers.vary = headers.vary ? `${headers.vary}, Accept-Encoding` : "Accept-Encoding";
  }
  return withBody({ status: origin.status, headers, storedAt }, { body: origin.body, gzipped, etag: etagOf(origin.body) }, o.fixed ?? []);
}

const etagOf = (body: Buffer) => `W/"${createHash("sha1").update(body).digest("base64url").slice(0, 22)}"`;

/** A stored copy with this body (the origin's, or another made from it, such as the labelled outage copy). */
export function withBody(e: Pick<Entry, "status" | "headers" | "storedAt">, b: Pick<Entry, "body" | "gzipped" | "etag">, fixed: FixedHeaders): Entry {
  const base: string[] = [];
  const own = new Set(fixed.map(([name]) => name.toLowerCase()));
  for (const [name, value] of fixed) base.push(name, value);
  for (const [name, value] of Object.entries(e.headers)) if (!own.has(name)) base.push(name, value);
  base.push("etag", b.etag);
  const wire = {
    notModified: base,
    identity: [...base, "content-length", String(b.body.length)],
    gzip: b.gzipped ? [...base, "content-encoding", "gzip", "content-length", String(b.gzipped.length)] : null,
  };
  return { ...e, ...b, wire, bytes: b.body.length + (b.gzipped?.length ?? 0) + 512 };
}

export function write(req: IncomingMessage, res: ServerResponse, e: Entry, outcome: string, ageMs: number) {
  const age = String(Math.floor(ageMs / 1000));
  const ifNoneMatch = req.headers["if-none-match"];
  if (e.status === 200 && ifNoneMatch !== undefined && ifNoneMatch.split(/\s*,\s*/).includes(e.etag)) {
    res.writeHead(304, e.wire.notModified.concat("age", age, "x-cache", outcome));
    res.end();
    return;
  }
  const gzipped = e.wire.gzip !== null && acceptsGzip(req.headers["accept-encoding"]);
  res.writeHead(e.status, (gzipped ? e.wire.gzip! : e.wire.identity).concat("age", age, "x-cache", outcome));
  res.end(req.method === "HEAD" ? undefined : gzipped ? e.gzipped! : e.body);
}

/** Any other answer of a cache (429, 502, a passed-through origin answer): the fixed headers set first. */
export function writePlain(res: ServerResponse, fixed: FixedHeaders, status: number, headers: Record<string, string | string[]>, body?: Buffer | string) {
  for (const [name, value] of fixed) res.setHeader(name, value);
  const own = new Set(fixed.map(([name]) => name.toLowerCase()));
  for (const name of Object.keys(headers)) if (own.has(name.toLowerCase())) delete headers[name];
  res.writeHead(status, headers);
  res.end(body);
}

export function writeOrigin(req: IncomingMessage, res: ServerResponse, origin: OriginResponse, fixed: FixedHeaders) {
  const headers: Record<string, string | string[]> = { "x-cache": "BYPASS" };
  for (const [name, value] of Object.entries(origin.headers)) if (value !== undefined && !HOP_BY_HOP.has(name)) headers[name] = value;
  headers["content-length"] = String(origin.body.length);
  writePlain(res, fixed, origin.status, headers, req.method === "HEAD" ? undefined : origin.body);
}

// Browsers send a handful of distinct Accept-Encoding values: each is parsed once.
const gzipAccepted = new Map<string, boolean>();

export function acceptsGzip(header: string | undefined): boolean {
  if (!header) return false;
  let yes = gzipAccepted.get(header);
  if (yes === undefined) {
    if (gzipAccepted.size >= 256) gzipAccepted.clear();
    gzipAccepted.set(header, (yes = parseAcceptsGzip(header)));
  }
  return yes;
}

function parseAcceptsGzip(header: string): boolean {
  return header.split(",").some((part) => {
    const [coding, ...params] = part.trim().toLowerCase().split(";");
    if (coding !== "gzip" && coding !== "*") return false;
    const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    return !q || Number(q.slice(2)) > 0;
  });
}
