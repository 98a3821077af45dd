import { env } from "../env";
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions } from "playwright-core";

/**
 * One Chromium per worker process and a bounded number of browser contexts at a time (each browser
 * check gets a fresh context: no cookies, cache or storage carried between monitors or workspaces).
 * A check past its deadline has its context closed, which tears its page and renderer down; should
 * even that hang (a wedged renderer), the whole browser is killed and relaunched on next use.
 */

export const DEFAULT_CHROMIUM_PATH = "/usr/bin/chromium";

// The flags the e2e suite runs Debian's Chromium with, plus the network features that would reach
// addresses behind the route guard's back (WebRTC's UDP, DNS prefetching) or phone home.
export const CHROMIUM_ARGS = [
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
  "--dns-prefetch-disable",
  "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
  "--webrtc-ip-handling-policy=disable_non_proxied_udp",
  "--disable-dev-shm-usage",
];

export type BrowserPoolOptions = {
  executablePath?: string;
  /** Contexts open at once; further checks wait for a slot. */
  maxContexts?: number;
  /** How long closing a stuck context may take before the browser itself is killed. */
  closeGraceMs?: number;
};

export class BrowserPool {
  private browser: Promise<Browser> | null = null;
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private closed = false;
  readonly maxContexts: number;
  private readonly executablePath: string;
  private readonly closeGraceMs: number;

  constructor(opts: BrowserPoolOptions = {}) {
    this.maxContexts = Math.max(1, opts.maxContexts ?? 2);
    this.executablePath = opts.executablePath ?? DEFAULT_CHROMIUM_PATH;
    this.closeGraceMs = opts.closeGraceMs ?? 5_000;
  }

  /** Contexts in use and checks waiting for one (for metrics and tests). */
  get load() {
    return { active: this.active, waiting: this.waiting.length };
  }

  private launch(): Promise<Browser> {
    if (!this.browser) {
      const launched = chromium.launch({ executablePath: this.executablePath, args: CHROMIUM_ARGS, headless: true });
      this.browser = launched;
      launched.then(
        (b) => b.on("disconnected", () => this.browser === launched && (this.browser = null)),
        () => this.browser === launched && (this.browser = null),
      );
    }
    return this.browser;
  }

  private async acquire(): Promise<void> {
    if (this.active < this.maxContexts) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next)
      next(); // the slot passes straight to the next check
    else this.active--;
  }

  /** Runs fn in a fresh context, which is always closed afterwards (or the browser killed trying). */
  async withContext<T>(options: BrowserContextOptions, fn: (context: BrowserContext) => Promise<T>): Promise<T> {
    if (this.closed) throw new Error("browser pool closed");
    await this.acquire();
    let context: BrowserContext | null = null;
    try {
      const browser = await this.launch();
      context = await browser.newContext(options);
      return await fn(context);
    } finally {
      if (context) await this.closeContext(context);
      this.release();
    }
  }

  /** Closes a context; one that won't close in time takes the browser with it. */
  async closeContext(context: BrowserContext): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const closed = await Promise.race([
      context.close().then(
        () => true,
        () => true,
      ),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), this.closeGraceMs))),
    ]);
    clearTimeout(timer);
    if (!closed) await this.killBrowser(context.browser());
  }

  private async killBrowser(browser: Browser | null): Promise<void> {
    if (!browser) return;
    const current = await this.browser?.catch(() => null);
    if (current === browser) this.browser = null;
    await browser.close().catch(() => {});
  }

  async close(): Promise<void> {
    this.closed = true;
    const b = this.browser;
    this.browser = null;
    const browser = await b?.catch(() => null);
    await browser?.close().catch(() => {});
  }
}

let shared: BrowserPool | null = null;

/** The worker's one browser (created on first use, from CHROMIUM_PATH and WORKER_BROWSER_CONTEXTS). */
export function sharedBrowserPool(): BrowserPool {
  return (shared ??= new BrowserPool({ executablePath: env.CHROMIUM_PATH, maxContexts: env.WORKER_BROWSER_CONTEXTS }));
}

/** Closes the worker's browser, if it was ever started (worker shutdown). */
export async function closeSharedBrowserPool(): Promise<void> {
  const p = shared;
  shared = null;
  await p?.close();
}
