import type { Page } from "playwright-core";
import type { CheckErrorClass } from "@/lib/db/schema/enums";
import { guardContext } from "./browser-guard";
import { startGuardProxy } from "./browser-proxy";
import type { BrowserPool } from "./browser-pool";
import type { LookupFn } from "./connector";
import type { CheckTimings } from "./timings";

/**
 * A real-browser check: Chromium loads the URL, waits for a CSS selector and/or a text, and records
 * navigation timings and console errors; a failure keeps a screenshot. Declarative only: the monitor
 * supplies a URL, a selector and a text, never code; the only script run in the page is ours (the
 * LCP observer below and the timings read-out).
 */

export type BrowserCheckRequest = {
  url: string;
  waitForSelector?: string | null;
  waitForText?: string | null;
  timeoutMs: number;
  allowPrivate: boolean;
  allowHosts?: readonly string[];
  userAgent: string;
};

export type BrowserTimings = { ttfbMs: number | null; domContentLoadedMs: number | null; loadMs: number | null; lcpMs: number | null };

export type BrowserCheckResult = {
  ok: boolean;
  startedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  timings: CheckTimings;
  errorClass: CheckErrorClass | null;
  error: string | null;
  tlsExpiresAt: null;
  remoteAddress: string | null;
  browser: BrowserTimings & { consoleErrors: string[]; blockedRequests: number };
  /** JPEG of the page as it was when the check failed (null when ok, or when the page could not paint). */
  screenshot: Buffer | null;
};

export type BrowserCheckDeps = { pool: BrowserPool; lookup?: LookupFn };

const MAX_CONSOLE_ERRORS = 10;
const MAX_CONSOLE_LENGTH = 300;
const MAX_SCREENSHOT_BYTES = 1024 * 1024;
// Past the check's timeout, how long the work may go on (a screenshot of the failure) before the
// context is closed under it: the hard limit on a stuck page.
const KILL_SLACK_MS = 3_000;

// Ours, fixed: the largest contentful paint so far, read back after the page is ready.
const LCP_OBSERVER = `(() => {
  try {
    new PerformanceObserver((list) => {
      const e = list.getEntries();
      if (e.length) window.__vigilLcp = e[e.length - 1].startTime;
    }).observe({ type: "largest-contentful-paint", buffered: true });
  } catch {}
})();`;

const seconds = (ms: number) => `${Math.round(ms / 100) / 10} s`;
const cut = (s: string, n = 100) => (s.length > n ? `${s.slice(0, n)}…` : s);
const round = (v: unknown) => (typeof v === "number" && Number.isFinite(v) && v >= 0 ? Math.round(v * 100) / 100 : null);

class Failure extends Error {
  constructor(
    readonly errorClass: CheckErrorClass,
    message: string,
  ) {
    super(message);
  }
}

/** Reads the navigation timing and LCP; our function, with its own short deadline. */
async function readTimings(page: Page): Promise<BrowserTimings & { dnsMs: number | null; connectMs: number | null; tlsMs: number | null }> {
  const none = { ttfbMs: null, domContentLoadedMs: null, loadMs: null, lcpMs: null, dnsMs: null, connectMs: null, tlsMs: null };
  const read = page
    .evaluate(() => {
      const n = performance.getEntriesByType("navigation")[0] as PerformanceNavigationTiming | undefined;
      const lcp = (window as unknown as { __vigilLcp?: number }).__vigilLcp;
      if (!n) return null;
      const tls = n.secureConnectionStart > 0 ? n.connectEnd - n.secureConnectionStart : null;
      return {
        dns: n.domainLookupEnd - n.domainLookupStart,
        connect: (n.secureConnectionStart > 0 ? n.secureConnectionStart : n.connectEnd) - n.connectStart,
        tls,
        ttfb: n.responseStart,
        dcl: n.domContentLoadedEventEnd,
        load: n.loadEventEnd,
        lcp: typeof lcp === "number" ? lcp : null,
      };
    })
    .catch(() => null);
  const t = await Promise.race([read, new Promise<null>((r) => setTimeout(() => r(null), 2_000).unref())]);
  if (!t) return none;
  return {
    dnsMs: round(t.dns),
    connectMs: round(t.connect),
    tlsMs: round(t.tls),
    ttfbMs: round(t.ttfb),
    domContentLoadedMs: round(t.dcl) || null,
    loadMs: round(t.load) || null,
    lcpMs: round(t.lcp),
  };
}

/** Runs one browser check. Never throws: a failure of the page (or of the browser) is a result. */
export async function runBrowserCheck(req: BrowserCheckRequest, deps: BrowserCheckDeps): Promise<BrowserCheckResult> {
  let startedAt = new Date();
  let t0 = performance.now();
  const timeoutMs = Math.max(1_000, Math.min(req.timeoutMs, 120_000));
  const consoleErrors: string[] = [];
  const blocked: { url: string; message: string; navigation: boolean; byProxy?: boolean }[] = [];
  const connected = new Map<string, string>();
  const state = {
    statusCode: null as number | null,
    remoteAddress: null as string | null,
    screenshot: null as Buffer | null,
    timings: null as Awaited<ReturnType<typeof readTimings>> | null,
  };
  const remaining = () => Math.max(1, timeoutMs - (performance.now() - t0));
  const pushConsole = (text: string) => consoleErrors.length < MAX_CONSOLE_ERRORS && consoleErrors.push(cut(text.replace(/\u0000/g, ""), MAX_CONSOLE_LENGTH));

  const result = (errorClass: CheckErrorClass | null, error: string | null): BrowserCheckResult => {
    const totalMs = Math.round((performance.now() - t0) * 100) / 100;
    const t = state.timings;
    return {
      ok: errorClass === null,
      startedAt,
      statusCode: state.statusCode,
      latencyMs: totalMs,
      timings: { dnsMs: t?.dnsMs ?? null, connectMs: t?.connectMs ?? null, tlsMs: t?.tlsMs ?? null, ttfbMs: t?.ttfbMs ?? null, totalMs },
      errorClass,
      error,
      tlsExpiresAt: null,
      remoteAddress: state.remoteAddress,
      browser: {
        ttfbMs: t?.ttfbMs ?? null,
        domContentLoadedMs: t?.domContentLoadedMs ?? null,
        loadMs: t?.loadMs ?? null,
        lcpMs: t?.lcpMs ?? null,
        consoleErrors,
        blockedRequests: blocked.length,
      },
      screenshot: errorClass === null ? null : state.screenshot,
    };
  };

  let url: URL;
  try {
    url = new URL(req.url);
  } catch {
    return result("unknown", `Invalid URL "${cut(String(req.url), 200)}"`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return result("unknown", `Invalid URL: only http and https are supported, not ${url.protocol}`);

  const work = async (page: Page): Promise<BrowserCheckResult> => {
    try {
      let response;
      try {
        response = await page.goto(url.href, { waitUntil: "load", timeout: remaining() });
      } catch (err) {
        // The page itself was refused by the route guard, or a redirect on its way by the proxy.
        const nav = blocked.findLast((b) => b.navigation) ?? blocked.findLast((b) => b.byProxy);
        if (nav) throw new Failure("blocked", nav.message);
        throw err;
      }
      if (response) {
        state.statusCode = response.status();
        const final = new URL(response.url());
        const target = `${final.hostname}:${Number(final.port) || (final.protocol === "https:" ? 443 : 80)}`;
        state.remoteAddress = connected.get(target) ?? null;
        // A plain-http redirect hop refused by the proxy comes back as its 403.
        const refused = blocked.findLast((b) => b.byProxy && b.url === target);
        if (refused) throw new Failure("blocked", refused.message);
        if (state.statusCode >= 400) throw new Failure("status", `Page answered HTTP ${state.statusCode}`);
      }
      if (req.waitForSelector) {
        const selector = req.waitForSelector;
        await page
          .locator(`css=${selector}`)
          .first()
          .waitFor({ state: "visible", timeout: remaining() })
          .catch(() => {
            throw new Failure("keyword", `Selector "${cut(selector)}" did not appear within ${seconds(timeoutMs)}`);
          });
      }
      if (req.waitForText) {
        const text = req.waitForText;
        await page
          .getByText(text)
          .first()
          .waitFor({ state: "visible", timeout: remaining() })
          .catch(() => {
            throw new Failure("keyword", `Text "${cut(text)}" did not appear within ${seconds(timeoutMs)}`);
          });
      }
      state.timings = await readTimings(page);
      return result(null, null);
    } catch (err) {
      const f =
        err instanceof Failure
          ? err
          : (err as Error)?.name === "TimeoutError"
            ? new Failure("timeout", `Page did not load within ${seconds(timeoutMs)}`)
            : new Failure("unknown", `Page failed to load: ${cut(String((err as Error)?.message ?? err).split("\n")[0]!, 200)}`);
      state.timings ??= await readTimings(page);
      const shot = await page.screenshot({ type: "jpeg", quality: 60, timeout: 2_000, animations: "disabled" }).catch(() => null);
      state.screenshot = shot && shot.length <= MAX_SCREENSHOT_BYTES ? shot : null;
      return result(f.errorClass, f.message);
    }
  };

  const proxy = await startGuardProxy({
    allowPrivate: req.allowPrivate,
    allowHosts: req.allowHosts,
    lookup: deps.lookup,
    onBlocked: (target, message) => blocked.push({ url: target, message, navigation: false, byProxy: true }),
    onConnect: (target, address) => connected.set(target, address),
  });
  try {
    return await deps.pool.withContext(
      {
        proxy: { server: proxy.url },
        userAgent: req.userAgent,
        serviceWorkers: "block",
        acceptDownloads: false,
        viewport: { width: 1280, height: 800 },
        ignoreHTTPSErrors: false,
      },
      async (context) => {
        // The check's clock starts once it has a context: waiting for a pool slot is not the site's time.
        startedAt = new Date();
        t0 = performance.now();
        await guardContext(context, {
          allowPrivate: req.allowPrivate,
          allowHosts: req.allowHosts,
          lookup: deps.lookup,
          onBlocked: (u, message, navigation) => blocked.push({ url: u, message, navigation }),
        });
        await context.addInitScript(LCP_OBSERVER);
        const page = await context.newPage();
        page.on("console", (m) => m.type() === "error" && pushConsole(m.text()));
        page.on("pageerror", (e) => pushConsole(String(e?.message ?? e)));
        // The hard limit: past the timeout (and a moment for the failure's screenshot) the context is
        // closed under the check, which tears a stuck page and its renderer down.
        let timer: NodeJS.Timeout | undefined;
        const killed = new Promise<BrowserCheckResult>((resolve) => {
          timer = setTimeout(() => {
            void deps.pool.closeContext(context);
            resolve(result("timeout", `Page did not finish within ${seconds(timeoutMs)}; stopped`));
          }, timeoutMs + KILL_SLACK_MS);
        });
        try {
          return await Promise.race([work(page), killed]);
        } finally {
          clearTimeout(timer);
        }
      },
    );
  } catch (err) {
    return result("unknown", `Browser unavailable: ${cut(String((err as Error)?.message ?? err).split("\n")[0]!, 200)}`);
  } finally {
    await proxy.close();
  }
}
