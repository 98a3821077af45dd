import { randomBytes } from "node:crypto";
import http from "node:http";
import IORedis from "ioredis";
import next from "next";
import { closeDb, db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createIngestHandler, ingestStore, isPingPath } from "@/lib/heartbeats/server";
import { resolveClientIp } from "@/lib/http/client-ip";
import { createSecurityHeaderSetter, securityHeaders } from "@/lib/http/security-headers";
import { loopbackOrigin } from "@/lib/http/origin";
import { createResponseCache } from "@/lib/http/response-cache";
import { log } from "@/lib/log";
import { closeRedis } from "@/lib/redis/client";
import { forgetMonitorStatus, forgetPublicStatusPage } from "@/lib/status-pages/cache";
import { createCustomDomainRouter, type HostRoute } from "@/lib/status-pages/custom-domain";
import { followStatusPageChanges } from "@/lib/status-pages/change-feed";
import { takePublicToken } from "@/lib/status-pages/ip-limit";
import { labelStaleStatusPage } from "@/lib/status-pages/page-text";
import { publicStatusCacheKey } from "@/lib/status-pages/public-paths";

/**
 * The web server (`npm start`, `npm run up`, the Docker image): Next.js behind a node:http server that
 * answers the two public hot paths itself, the way a CDN and a proxy would in front of it:
 *  - /ping/* by the lean ingest handler (one Redis round trip, no framework);
 *  - public status URLs from an in-memory response cache filled from Next over loopback.
 * Everything else is Next's request handler, unchanged.
 */
const dev = process.env.NODE_ENV !== "production";
const app = next({ dev, hostname: env.LISTEN_HOST, port: env.PORT });
const handleNext = app.getRequestHandler();
const handlePing = createIngestHandler({ kv: ingestStore(), db: () => db });

const setSecurityHeaders = createSecurityHeaderSetter({ appUrl: env.APP_URL, dev });

const BYPASS_HEADER = "x-vigil-origin-fetch";
const bypassToken = randomBytes(16).toString("hex");
let listeningPort = env.PORT;
const fresh = env.STATUS_CACHE_FRESH_SECONDS * 1000;
const statusCache = createResponseCache({
  fetchOrigin: (path, visitor) =>
    loopbackOrigin({ port: listeningPort, host: new URL(env.APP_URL).host, bypassHeader: [BYPASS_HEADER, bypassToken] })(path, visitor),
  freshMs: fresh,
  notFoundFreshMs: fresh,
  // The freshness bound: past it a visitor waits for a fresh render rather than see an older copy.
  staleMs: Math.max(fresh, env.STATUS_CACHE_MAX_AGE_SECONDS * 1000),
  // While the database (or the app) is down, the last good page keeps being served, saying how old it is:
  // that's when people read it.
  staleIfErrorMs: 24 * 60 * 60_000,
  labelStale: labelStaleStatusPage,
  // The pages render per request (no ISR) and say so; they are the same for every visitor. Browsers and
  // CDNs revalidate every time (a 304 from this cache), so none of them holds a copy past the bound.
  cacheControl: "public, no-cache",
  // Someone scanning /status/<random> would reach the database once per slug: misses count per client IP.
  admitMiss: (req) => takePublicToken(String(req.headers["x-forwarded-for"])),
  // The headers handle() sets on everything else, sent by the cache itself with every answer it writes: a hit
  // then writes one precomputed list instead of setting them one by one.
  headers: securityHeaders("status", { appUrl: env.APP_URL, dev }),
});

// Pages with a custom domain answer on it (GET / is the page); unknown hosts get a 404 (docs/architecture.md).
const customDomains = createCustomDomainRouter({ appHost: new URL(env.APP_URL).host, db: () => db });

const server = http.createServer((req, res) => {
  if (req.headers[BYPASS_HEADER] === bypassToken) {
    delete req.headers[BYPASS_HEADER];
    return void handleNext(req, res); // the cache's own fetch: it already carries the visitor's address
  }
  const route = customDomains.route(
    req.headers.host,
    req.url ?? "/",
    () => takePublicToken(resolveClientIp(req.headers["x-forwarded-for"], req.socket.remoteAddress, env.TRUST_PROXY_HOPS)) === 0,
  );
  if (route instanceof Promise) {
    return void route
      .then((r) => answer(req, res, r))
      .catch((err) => {
        log.error({ err }, "custom domain lookup failed");
        if (!res.headersSent) res.writeHead(500).end();
      });
  }
  answer(req, res, route);
});

function answer(req: http.IncomingMessage, res: http.ServerResponse, route: HostRoute) {
  if (route.kind !== "app") {
    if (route.kind !== "page") {
      setSecurityHeaders("/status", res);
      res.writeHead(route.kind === "unavailable" ? 503 : 404, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
      return void res.end(route.kind === "unavailable" ? "Status page temporarily unavailable\n" : "No status page here\n");
    }
    req.url = route.url;
  }
  handle(req, res);
}

function handle(req: http.IncomingMessage, res: http.ServerResponse) {
  // One client address for everything downstream (limits, ping source IPs, Next): what TRUST_PROXY_HOPS
  // lets us believe, never what a client claims in its own X-Forwarded-For.
  req.headers["x-forwarded-for"] = resolveClientIp(req.headers["x-forwarded-for"], req.socket.remoteAddress, env.TRUST_PROXY_HOPS);
  if (req.headers["x-real-ip"] !== undefined) delete req.headers["x-real-ip"];
  const cacheKey = dev ? null : publicStatusCacheKey(req.method, req.url, req.headers);
  if (cacheKey) {
    // Public status URLs: the cache sends the status pages' security headers with every answer itself.
    try {
      const served = statusCache.serve(cacheKey, req, res);
      if (served instanceof Promise) served.catch((err) => cacheFailed(err, cacheKey, req, res));
    } catch (err) {
      cacheFailed(err, cacheKey, req, res);
    }
    return;
  }
  // Every other answer, whoever writes it (ingest, Next): CSP, nosniff, referrer policy, HSTS on https.
  setSecurityHeaders(req.url, res);
  if (isPingPath(req.url)) return void handlePing(req, res);
  void handleNext(req, res);
}

function cacheFailed(err: unknown, path: string, req: http.IncomingMessage, res: http.ServerResponse) {
  log.error({ err, path }, "status page cache failed");
  if (!res.headersSent) {
    setSecurityHeaders(req.url, res);
    res.writeHead(500, { "content-type": "text/plain; charset=utf-8" });
  }
  res.end();
}
server.keepAliveTimeout = 65_000;

// Edits made on other instances, and monitors changing status in the fleet, drop this instance's copies at
// once (with Upstash's REST API there is no subscription; copies then age out within the freshness bound).
let subscriber: IORedis | null = null;
if (!env.UPSTASH_REDIS_REST_URL && !dev) {
  subscriber = new IORedis(env.REDIS_URL, { maxRetriesPerRequest: null });
  subscriber.on("error", (err) => log.warn({ err }, "status page change feed: Redis error; reconnecting"));
  // Not awaited: with Redis down at start the subscription waits for it, and the site must not.
  const onPageChange = (slug: string) => (forgetPublicStatusPage(slug), customDomains.forgetAll());
  void followStatusPageChanges(subscriber, onPageChange, (monitorId) => void forgetMonitorStatus(monitorId)).catch((err) =>
    log.warn({ err }, "status page change feed unavailable"),
  );
}

await app.prepare();
const upgrade = app.getUpgradeHandler();
server.on("upgrade", (req, socket, head) => void upgrade(req, socket, head));
server.listen(env.PORT, env.LISTEN_HOST, 4096, () => {
  const addr = server.address();
  if (addr && typeof addr === "object") listeningPort = addr.port;
  log.info({ url: `http://${env.LISTEN_HOST}:${listeningPort}`, mode: dev ? "development" : "production" }, "web server listening");
});

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close(() => void Promise.allSettled([app.close(), closeDb(), closeRedis()]).then(() => process.exit(0)));
  server.closeIdleConnections();
  subscriber?.disconnect();
  setTimeout(() => process.exit(0), 8000).unref();
};
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
