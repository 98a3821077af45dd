import net from "node:net";
import type { BrowserContext } from "playwright-core";
import { isAllowedHost, systemLookup, type LookupFn } from "./connector";
import { blockedMessage, isBlockedAddress } from "./ssrf";

/**
 * The private-address guard for a browser check: every request the page makes (the navigation, each
 * redirect hop, sub-resources, fetch/XHR, beacons) and every WebSocket is routed through here, its
 * host resolved and refused when any address it resolves to is blocked (Chromium picks among them
 * itself, so one blocked address is enough to refuse). This half names the refused request early and
 * clearly; the enforcing half is the check's forward proxy (browser-proxy.ts), which connects only to
 * the address it vetted and so also covers redirect hops and names that rebind.
 */

export type GuardOptions = {
  allowPrivate: boolean;
  allowHosts?: readonly string[];
  lookup?: LookupFn;
  /** Called with the message of each refused request (the first one of a navigation names the failure). */
  onBlocked: (url: string, message: string, navigation: boolean) => void;
};

type Verdict = { blocked: false } | { blocked: true; message: string };

export function guardVerdictFor(o: Pick<GuardOptions, "allowPrivate" | "allowHosts" | "lookup">) {
  const lookup = o.lookup ?? systemLookup;
  const cache = new Map<string, Promise<Verdict>>();
  return (rawUrl: string): Promise<Verdict> => {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      return Promise.resolve({ blocked: true, message: "Blocked: not a valid URL" });
    }
    const scheme = url.protocol;
    if (scheme === "data:" || scheme === "blob:" || scheme === "about:") return Promise.resolve({ blocked: false });
    const secure = scheme === "https:" || scheme === "wss:";
    if (!secure && scheme !== "http:" && scheme !== "ws:") return Promise.resolve({ blocked: true, message: `Blocked: ${scheme} requests are not allowed` });
    const host = url.hostname.replace(/^\[|\]$/g, "");
    const port = Number(url.port) || (secure ? 443 : 80);
    if (o.allowPrivate || isAllowedHost(o.allowHosts, host, port)) return Promise.resolve({ blocked: false });
    const key = `${host}|${port}`;
    let verdict = cache.get(key);
    if (!verdict) {
      verdict = judge(host, port, lookup);
      cache.set(key, verdict);
    }
    return verdict;
  };
}

function judge(host: string, port: number, lookup: LookupFn): Promise<Verdict> {
  if (net.isIP(host)) {
    const v = isBlockedAddress(host);
    return Promise.resolve(v.blocked ? { blocked: true, message: blockedMessage(host, host, v.reason!, port) } : { blocked: false });
  }
  return new Promise((resolve) =>
    lookup(host, (err, addresses) => {
      // A name that doesn't resolve is let through: Chromium fails it with its own DNS error.
      if (err || addresses.length === 0) return resolve({ blocked: false });
      for (const a of addresses) {
        const v = isBlockedAddress(a.address);
        if (v.blocked) return resolve({ blocked: true, message: blockedMessage(host, a.address, v.reason!, port) });
      }
      resolve({ blocked: false });
    }),
  );
}

/** Installs the guard on a context before any page opens. */
export async function guardContext(context: BrowserContext, o: GuardOptions): Promise<void> {
  const verdictFor = guardVerdictFor(o);
  await context.route("**/*", async (route) => {
    const request = route.request();
    const url = request.url();
    const v = await verdictFor(url);
    if (v.blocked) {
      o.onBlocked(url, v.message, request.isNavigationRequest() && request.frame().parentFrame() === null);
      await route.abort("blockedbyclient").catch(() => {});
    } else {
      await route.continue().catch(() => {});
    }
  });
  await context.routeWebSocket(/.*/, async (ws) => {
    const v = await verdictFor(ws.url());
    if (v.blocked) {
      o.onBlocked(ws.url(), v.message, false);
      await ws.close({ code: 1008, reason: "blocked" }).catch(() => {});
    } else ws.connectToServer();
  });
}
