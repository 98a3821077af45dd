import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { statusPages } from "../db/schema";

/**
 * Custom domains: a status page with `customDomain` answers on that Host. The web server (server.ts) asks
 * `route` for every request: the app's own host (APP_URL's), IP addresses and single-label names (loopback,
 * health checks, a container's service name) are the app, as before; any other host is looked up among the
 * pages' domains and may only ever show that one page: its paths are mapped onto /status/<slug>, and an
 * unknown host or any other path is a 404, never the app or another page.
 *
 * Lookups are cached in memory (hits and misses, `ttlMs`) and dropped on any status page edit
 * (change-feed.ts), so a cached request on a custom domain costs no database query either.
 */
export type HostRoute = { kind: "app" } | { kind: "page"; url: string } | { kind: "not-found" } | { kind: "unavailable" };

export type CustomDomainRouter = {
  route(host: string | undefined, url: string, admitLookup?: () => boolean): HostRoute | Promise<HostRoute>;
  forgetAll(): void;
};

const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;
const MAX_HOSTS = 10_000;

/** The host name of a Host header: lower-cased, without port or trailing dot. */
export function hostName(header: string | undefined): string {
  const h = (header ?? "").trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(0, h.indexOf("]") + 1);
  return h.replace(/:\d*$/, "").replace(/\.$/, "");
}

/** Maps a path on a page's own domain onto the page's public URLs; null for anything else. */
export function pagePath(slug: string, url: string): string | null {
  const q = url.indexOf("?");
  const path = q === -1 ? url : url.slice(0, q);
  const query = q === -1 ? "" : url.slice(q);
  const own = `/status/${slug}`;
  if (path === "/") return own + query;
  if (/^\/(feed\.(json|rss|atom)|badge\/[A-Za-z0-9-]{1,64}(\.svg)?)$/.test(path)) return own + path + query;
  if (path === own || path.startsWith(`${own}/`)) return url;
  // The page's stylesheet and icon: Next's static files carry no data of any workspace.
  if (path.startsWith("/_next/static/") || path === "/favicon.ico") return url;
  return null;
}

export function createCustomDomainRouter(opts: { appHost: string; db: () => Db; ttlMs?: number; now?: () => number }): CustomDomainRouter {
  const appHost = hostName(opts.appHost);
  const ttlMs = opts.ttlMs ?? 30_000;
  const now = opts.now ?? Date.now;
  const known = new Map<string, { slug: string | null; at: number }>();
  const inflight = new Map<string, Promise<string | null>>();

  const isApp = (host: string) => host === "" || host === appHost || !host.includes(".") || IPV4.test(host) || host.startsWith("[");

  function lookup(host: string): Promise<string | null> {
    let p = inflight.get(host);
    if (p) return p;
    p = (async () => {
      const [row] = await opts.db().select({ slug: statusPages.slug }).from(statusPages).where(eq(statusPages.customDomain, host));
      if (known.size >= MAX_HOSTS) known.delete(known.keys().next().value!);
      known.set(host, { slug: row?.slug ?? null, at: now() });
      return row?.slug ?? null;
    })().finally(() => inflight.delete(host));
    inflight.set(host, p);
    return p;
  }

  const toRoute = (slug: string | null, url: string): HostRoute => {
    const mapped = slug ? pagePath(slug, url) : null;
    return mapped ? { kind: "page", url: mapped } : { kind: "not-found" };
  };

  return {
    route(header, url, admitLookup) {
      const host = hostName(header);
      if (isApp(host)) return { kind: "app" };
      const hit = known.get(host);
      if (hit && now() - hit.at < ttlMs) return toRoute(hit.slug, url);
      // Host is the client's to choose: a stranger sending random names must not walk the database.
      if (admitLookup && !admitLookup()) return hit ? toRoute(hit.slug, url) : { kind: "not-found" };
      return lookup(host).then(
        (slug) => toRoute(slug, url),
        // Database unreachable: a host seen before keeps its page (served stale by the response cache).
        (): HostRoute => (hit ? toRoute(hit.slug, url) : { kind: "unavailable" }),
      );
    },
    forgetAll() {
      known.clear();
    },
  };
}
