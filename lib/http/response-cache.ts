import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import { acceptsGzip, toEntry, withBody, write, writeOrigin, writePlain, type Entry, type FixedHeaders, type OriginResponse } from "./stored-copy";

/**
 * An in-memory HTTP response cache in front of a slower origin, doing for public pages what a CDN
 * would: a fresh copy is served without asking the origin; a stale one is served while a single
 * refresh runs (stale-while-revalidate); and when the origin fails, a copy up to `staleIfErrorMs`
 * old keeps being served (stale-if-error), so a status page stays up while its database is down.
 *
 * Entries are keyed by path only. Callers decide which requests are cacheable (no query, no
 * per-user headers), and the origin is asked with a fixed Host so a client can't poison an entry.
 */

export type ResponseCacheOptions = {
  /** Fetches `key` from the origin; `req` is the request that caused the fetch (for its client IP). */
  fetchOrigin: (key: string, req: IncomingMessage) => Promise<OriginResponse>;
  freshMs: number;
  /**
   * Past `freshMs` a copy is still served while one background refresh runs, up to this age; past it the
   * visitor waits for the origin. This is the freshness bound: an older copy is served only on an origin error.
   */
  staleMs: number;
  staleIfErrorMs: number;
  /**
   * A copy served because the origin failed (stale-if-error) may say so: returns the body to send instead,
   * given the stored body and when it was stored. Made once per stored copy.
   */
  labelStale?: (body: Buffer, contentType: string, storedAt: number) => Buffer;
  /**
   * After an origin error for a URL, visitors get the (labelled) stale copy at once for this long instead of
   * each waiting for an origin that is likely still down; one background refresh keeps trying. Default 2 s.
   */
  errorBackoffMs?: number;
  /**
   * Past the freshness bound a visitor waits for the origin, but when an older copy exists, at most this
   * long: a database that hangs (rather than refuses) must not hold a status page up for its connect
   * timeout. The copy is then served labelled, like stale-if-error, while the refresh goes on. Default 2 s.
   */
  originWaitMs?: number;
  /**
   * When set, answers are stored whatever Cache-Control the origin sent (a set-cookie still keeps them out)
   * and carry this Cache-Control instead: for origins whose pages render per request but are public.
   */
  cacheControl?: string;
  /**
   * Sent with every answer this cache writes, whatever the origin sent under the same names (server.ts: the
   * status pages' security headers). Stored copies carry them precomputed, so a hit sets no header one by one.
   */
  headers?: FixedHeaders;
  /** 404s are cached too (scanning random slugs must not reach the origin), but for less long. */
  notFoundFreshMs?: number;
  maxBytes?: number;
  maxEntryBytes?: number;
  /**
   * Asked before a visitor waits for the origin (a miss; hits and background refreshes are never asked):
   * seconds they must wait, or 0. Lets a per-client limit stop someone scanning for URLs that aren't cached.
   */
  admitMiss?: (req: IncomingMessage) => number;
  now?: () => number;
};

const TOO_SLOW = Symbol("origin too slow");
const isEntry = (x: Entry | OriginResponse): x is Entry => "storedAt" in x;

export { acceptsGzip, type OriginResponse };

export type CacheOutcome = "hit" | "stale" | "miss" | "stale-if-error" | "bypass" | "limited";

export type ResponseCache = {
  /** A fresh or stale copy is written at once (no promise: the hot path); anything else resolves later. */
  serve(key: string, req: IncomingMessage, res: ServerResponse): CacheOutcome | Promise<CacheOutcome>;
  invalidate(prefix: string): number;
  stats: { hits: number; stale: number; misses: number; limited: number; originFetches: number; originErrors: number; entries: number; bytes: number };
};

export function createResponseCache(opts: ResponseCacheOptions): ResponseCache {
  const now = opts.now ?? Date.now;
  const maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
  const maxEntryBytes = opts.maxEntryBytes ?? 4 * 1024 * 1024;
  const entries = new Map<string, Entry>();
  const inflight = new Map<string, Promise<Entry | OriginResponse>>();
  const failedAt = new Map<string, number>();
  const errorBackoffMs = opts.errorBackoffMs ?? 2000;
  const retryMs = Math.min(250, errorBackoffMs);
  const fixed = opts.headers ?? [];
  const stats = {
    hits: 0,
    stale: 0,
    misses: 0,
    limited: 0,
    originFetches: 0,
    originErrors: 0,
    bytes: 0,
    get entries() {
      return entries.size;
    },
  };
  // Bumped by invalidate(): a fetch that started before an edit must not store the page from before it.
  let generation = 0;

  const freshFor = (e: Entry) => (e.status === 404 ? (opts.notFoundFreshMs ?? opts.freshMs) : opts.freshMs);

  function store(key: string, entry: Entry) {
    drop(key);
    while (stats.bytes + entry.bytes > maxBytes && entries.size > 0) drop(entries.keys().next().value!);
    entries.set(key, entry);
    stats.bytes += entry.bytes;
  }

  function drop(key: string) {
    const old = entries.get(key);
    if (!old) return;
    entries.delete(key);
    stats.bytes -= old.bytes;
  }

  /** One origin fetch per key at a time; everyone asking meanwhile shares its result. */
  function refresh(key: string, req: IncomingMessage): Promise<Entry | OriginResponse> {
    let p = inflight.get(key);
    if (p) return p;
    p = (async () => {
      stats.originFetches++;
      const startedIn = generation;
      const origin = await opts.fetchOrigin(key, req).catch((err) => {
        failedAt.set(key, now());
        throw err;
      });
      if (origin.status >= 500) {
        failedAt.set(key, now());
        throw Object.assign(new Error(`origin answered ${origin.status}`), { origin });
      }
      failedAt.delete(key);
      const entry = await toEntry(origin, now(), { cacheControl: opts.cacheControl, fixed });
      if (!entry || entry.bytes > maxEntryBytes) return origin;
      if (startedIn === generation) store(key, entry);
      return entry;
    })().finally(() => inflight.delete(key));
    inflight.set(key, p);
    return p;
  }

  /**
   * Started once per refresh: a visitor who doesn't wait for it adds no promise of their own. After a failure
   * the next try waits `retryMs`: an origin that fails fast would otherwise be asked back to back, each try a
   * full render of its error, for as long as the outage lasts.
   */
  function refreshInBackground(key: string, req: IncomingMessage) {
    if (inflight.has(key)) return;
    const failed = failedAt.get(key);
    if (failed !== undefined && now() - failed < retryMs) return;
    refresh(key, req).catch(() => stats.originErrors++);
  }

  function serve(key: string, req: IncomingMessage, res: ServerResponse): CacheOutcome | Promise<CacheOutcome> {
    const hit = entries.get(key);
    if (hit) {
      const age = now() - hit.storedAt;
      if (age < freshFor(hit)) {
        stats.hits++;
        write(req, res, hit, "HIT", age);
        return "hit";
      }
      if (age < opts.staleMs) {
        stats.stale++;
        write(req, res, hit, "STALE", age);
        refreshInBackground(key, req);
        return "stale";
      }
    }
    return serveUnsure(key, req, res, hit);
  }

  /** Past the freshness bound, or nothing stored: the origin decides, unless it is failing. */
  async function serveUnsure(key: string, req: IncomingMessage, res: ServerResponse, hit: Entry | undefined): Promise<CacheOutcome> {
    const age = hit ? now() - hit.storedAt : Infinity;
    const failed = failedAt.get(key);
    // After an error (or a visitor who gave up waiting on a refresh still running), others get the copy at once.
    if (hit && age < opts.staleIfErrorMs && failed !== undefined && (now() - failed < errorBackoffMs || inflight.has(key))) {
      stats.stale++;
      writeStale(req, res, hit, age);
      refreshInBackground(key, req);
      return "stale-if-error";
    }
    const wait = opts.admitMiss?.(req) ?? 0;
    if (wait > 0) {
      stats.limited++;
      const headers = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "retry-after": String(wait) };
      writePlain(res, fixed, 429, headers, req.method === "HEAD" ? undefined : `Too many requests; retry in ${wait}s\n`);
      return "limited";
    }
    stats.misses++;
    try {
      const pending = refresh(key, req);
      const answer = hit && age < opts.staleIfErrorMs ? await within(pending, opts.originWaitMs ?? 2_000) : await pending;
      if (answer === TOO_SLOW) {
        // Like an error for the next visitors: they get the copy at once while this refresh goes on.
        failedAt.set(key, now());
        pending.catch(() => stats.originErrors++);
        stats.stale++;
        writeStale(req, res, hit!, age);
        return "stale-if-error";
      }
      if (isEntry(answer)) write(req, res, answer, "MISS", 0);
      else writeOrigin(req, res, answer, fixed);
      return "miss";
    } catch (err) {
      stats.originErrors++;
      if (hit && age < opts.staleIfErrorMs) {
        writeStale(req, res, hit, age);
        return "stale-if-error";
      }
      const origin = (err as { origin?: OriginResponse }).origin;
      if (origin) writeOrigin(req, res, origin, fixed);
      else if (!res.headersSent) {
        const headers = { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store", "retry-after": "5" };
        writePlain(res, fixed, 502, headers, req.method === "HEAD" ? undefined : "Bad gateway: the page could not be rendered, retry shortly\n");
      }
      return "bypass";
    }
  }

  function within<T>(p: Promise<T>, ms: number): Promise<T | typeof TOO_SLOW> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<typeof TOO_SLOW>((resolve) => (timer = setTimeout(() => resolve(TOO_SLOW), ms)));
    return Promise.race([p, late]).finally(() => clearTimeout(timer));
  }

  // The labelled copy depends only on the entry (its body and when it was stored): made and gzipped once,
  // so an outage, when everyone reads the page, costs no more per request than a cache hit.
  const labelled = new WeakMap<Entry, Entry>();

  function writeStale(req: IncomingMessage, res: ServerResponse, e: Entry, ageMs: number) {
    if (!opts.labelStale || e.status !== 200) return write(req, res, e, "STALE", ageMs);
    let copy = labelled.get(e);
    if (!copy) {
      const body = opts.labelStale(e.body, e.headers["content-type"] ?? "", e.storedAt);
      copy = withBody(e, { body, gzipped: e.gzipped ? gzipSync(body) : null, etag: `${e.etag.slice(0, -1)}-stale"` }, fixed);
      labelled.set(e, copy);
    }
    write(req, res, copy, "STALE", ageMs);
  }

  function invalidate(prefix: string): number {
    generation++;
    let n = 0;
    for (const k of [...entries.keys()]) {
      if (k === prefix || k.startsWith(prefix.endsWith("/") ? prefix : `${prefix}/`)) {
        drop(k);
        n++;
      }
    }
    return n;
  }

  const cache = { serve, invalidate, stats };
  registry().add(cache);
  return cache;
}

/**
 * Every cache in this process, reachable from code bundled separately (Next's server bundle has its own
 * module instances, so a module-level set wouldn't be shared): an edit to a status page drops its copies.
 */
function registry(): Set<ResponseCache> {
  const g = globalThis as unknown as { __vigilResponseCaches?: Set<ResponseCache> };
  return (g.__vigilResponseCaches ??= new Set());
}

export function invalidateCachedResponses(prefix: string): number {
  let n = 0;
  for (const cache of registry()) n += cache.invalidate(prefix);
  return n;
}
