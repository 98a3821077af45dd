import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startHttp, type Target } from "./__fixtures__/targets";
import { runBrowserCheck, type BrowserCheckRequest } from "./browser-check";
import { BrowserPool, DEFAULT_CHROMIUM_PATH } from "./browser-pool";
import type { LookupFn } from "./connector";

// Debian's Chromium, as on the workers (skipped only where it isn't installed).
const chromium = process.env.CHROMIUM_PATH ?? DEFAULT_CHROMIUM_PATH;
const maybe = existsSync(chromium) ? describe : describe.skip;

let site: Target; // the monitored site: allowed by CHECKS_ALLOW_HOSTS-style entry
let inside: Target; // an "internal" service on a blocked (loopback) address, not allowed
let insideHits = 0;
let pool: BrowserPool;

const page = (body: string) => `<!doctype html><html><head><title>t</title></head><body>${body}</body></html>`;

beforeAll(async () => {
  inside = await startHttp((_q, res) => {
    insideHits++;
    res.writeHead(200, { "access-control-allow-origin": "*" }).end("internal secret");
  });
  site = await startHttp((q, res) => {
    const html = (b: string) => res.writeHead(200, { "content-type": "text/html" }).end(page(b));
    switch (q.url) {
      case "/late":
        return html(
          `<h1>Loading…</h1><script>console.error("boom from the page"); setTimeout(() => { const p = document.createElement("p"); p.id = "ready"; p.textContent = "All systems ready"; document.body.append(p); }, 700);</script>`,
        );
      case "/never":
        return html(`<h1>Loading forever</h1>`);
      case "/sub":
        return html(
          `<p id="ok">Dashboard</p><img src="${inside.url("/img")}"><script>fetch("${inside.url("/api")}").catch(() => {}); new WebSocket("${inside.url("/ws").replace("http", "ws")}");</script>`,
        );
      case "/redirect-inside":
        return res.writeHead(302, { location: inside.url("/") }).end();
      case "/hang":
        // The page's own script never yields: the renderer is stuck until its context is closed.
        return html(`<p>about to hang</p><script>for (;;) {}</script>`);
      case "/500":
        return res.writeHead(500, { "content-type": "text/html" }).end(page("<p>oops</p>"));
      default:
        return res.writeHead(404).end();
    }
  });
  pool = new BrowserPool({ executablePath: chromium, maxContexts: 2, closeGraceMs: 3_000 });
});
afterAll(async () => {
  await pool?.close();
  await Promise.all([site?.close(), inside?.close()]);
});

const req = (path: string, over: Partial<BrowserCheckRequest> = {}): BrowserCheckRequest => ({
  url: site.url(path),
  timeoutMs: 5_000,
  allowPrivate: false,
  allowHosts: [`127.0.0.1:${site.port}`],
  userAgent: "Vigil/test (region test; +http://vigil.test)",
  ...over,
});

maybe("runBrowserCheck (Debian Chromium)", () => {
  it("a page that renders its text late passes, with navigation timings and its console errors", async () => {
    const r = await runBrowserCheck(req("/late", { waitForText: "All systems ready", waitForSelector: "#ready" }), { pool });
    expect(r).toMatchObject({ ok: true, statusCode: 200, errorClass: null, error: null, screenshot: null, remoteAddress: "127.0.0.1" });
    expect(r.browser.consoleErrors).toEqual(["boom from the page"]);
    const b = r.browser;
    expect(b.ttfbMs).toBeGreaterThan(0);
    expect(b.domContentLoadedMs!).toBeGreaterThanOrEqual(b.ttfbMs!);
    expect(b.loadMs!).toBeGreaterThanOrEqual(b.domContentLoadedMs!);
    expect(b.lcpMs).toBeGreaterThan(0);
    expect(r.latencyMs).toBeGreaterThanOrEqual(700);
  }, 30_000);

  it("a page whose text never appears fails with a clear error and a screenshot", async () => {
    const r = await runBrowserCheck(req("/never", { waitForText: "All systems ready", timeoutMs: 3_000 }), { pool });
    expect(r).toMatchObject({ ok: false, statusCode: 200, errorClass: "keyword", error: 'Text "All systems ready" did not appear within 3 s' });
    expect(r.screenshot!.subarray(0, 3)).toEqual(Buffer.from([0xff, 0xd8, 0xff])); // a JPEG
    const sel = await runBrowserCheck(req("/never", { waitForSelector: "#ready", timeoutMs: 2_000 }), { pool });
    expect(sel.error).toBe('Selector "#ready" did not appear within 2 s');
  }, 30_000);

  it("sub-requests to a blocked address are refused: the internal service is never reached", async () => {
    insideHits = 0;
    const r = await runBrowserCheck(req("/sub", { waitForText: "Dashboard" }), { pool });
    expect(r.ok).toBe(true);
    expect(r.browser.blockedRequests).toBeGreaterThanOrEqual(3); // img, fetch, websocket
    expect(insideHits).toBe(0);
  }, 30_000);

  it("a navigation to a blocked address (directly or by redirect) fails as blocked", async () => {
    insideHits = 0;
    const direct = await runBrowserCheck(req("/", { url: inside.url("/") }), { pool });
    expect(direct).toMatchObject({ ok: false, errorClass: "blocked", error: expect.stringMatching(/^Blocked: 127\.0\.0\.1 is a loopback address/) });
    const redirected = await runBrowserCheck(req("/redirect-inside"), { pool });
    expect(redirected).toMatchObject({ ok: false, errorClass: "blocked", error: expect.stringContaining("loopback") });
    const named = await runBrowserCheck(req("/", { url: `http://localhost:${inside.port}/` }), { pool });
    expect(named).toMatchObject({ ok: false, errorClass: "blocked", error: expect.stringContaining("localhost resolves to a loopback address") });
    expect(insideHits).toBe(0);
    // A name that answers a public address to the first lookup and loopback to the next (DNS
    // rebinding): the proxy connects only to what it resolved and vetted itself.
    let calls = 0;
    const rebinding: LookupFn = (_host, cb) => setImmediate(() => cb(null, [{ address: calls++ === 0 ? "93.184.216.34" : "127.0.0.1", family: 4 }]));
    const rebound = await runBrowserCheck(req("/", { url: `http://rebind.test:${inside.port}/` }), { pool, lookup: rebinding });
    expect(rebound).toMatchObject({ ok: false, errorClass: "blocked", error: expect.stringContaining("rebind.test resolves to a loopback address") });
    expect(insideHits).toBe(0);
    // The operator's allowance lets it through.
    expect(await runBrowserCheck(req("/", { url: inside.url("/"), allowPrivate: true, waitForText: "internal secret" }), { pool })).toMatchObject({ ok: true });
  }, 30_000);

  it("an error status fails; a hung page is killed at the timeout and the pool keeps working", async () => {
    expect(await runBrowserCheck(req("/500"), { pool })).toMatchObject({ ok: false, errorClass: "status", error: "Page answered HTTP 500", statusCode: 500 });
    const started = performance.now();
    const hung = await runBrowserCheck(req("/hang", { timeoutMs: 2_000, waitForText: "never" }), { pool });
    const took = performance.now() - started;
    expect(hung).toMatchObject({ ok: false, errorClass: "timeout" });
    expect(took).toBeLessThan(2_000 + 3_000 + 3_000); // timeout + kill slack + close grace
    expect(pool.load).toEqual({ active: 0, waiting: 0 });
    expect(await runBrowserCheck(req("/late", { waitForText: "All systems ready" }), { pool })).toMatchObject({ ok: true });
  }, 40_000);

  it("runs at most maxContexts pages at once; the rest wait their turn", async () => {
    const runs = [1, 2, 3].map(() => runBrowserCheck(req("/late", { waitForText: "All systems ready" }), { pool }));
    await new Promise((r) => setTimeout(r, 300));
    expect(pool.load.active).toBe(2);
    expect(pool.load.waiting).toBe(1);
    expect((await Promise.all(runs)).map((r) => r.ok)).toEqual([true, true, true]);
  }, 40_000);
});
