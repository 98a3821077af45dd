import http from "node:http";
import { gunzipSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { loopbackOrigin } from "./origin";
import { acceptsGzip, createResponseCache, invalidateCachedResponses, type ResponseCacheOptions } from "./response-cache";

/**
 * A real origin (node:http) and a real front server with the cache, talking over loopback like the
 * web server does; the clock is the only thing controlled.
 */
type Reply = { status: number; headers?: Record<string, string>; body: string };
type Origin = { hits: string[]; reply: (path: string, req: http.IncomingMessage) => Reply | Promise<Reply> | "hang" };

const servers: http.Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    await new Promise((r) => s.close(r));
  }
});

async function listen(handler: http.RequestListener): Promise<number> {
  const s = http.createServer(handler);
  servers.push(s);
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  return (s.address() as { port: number }).port;
}

async function setup(reply: Origin["reply"], overrides: Partial<ResponseCacheOptions> = {}) {
  const origin: Origin = { hits: [], reply };
  const seen: http.IncomingMessage[] = [];
  const originPort = await listen(async (req, res) => {
    origin.hits.push(req.url!);
    seen.push(req);
    const r = await origin.reply(req.url!, req);
    if (r === "hang") return;
    res.writeHead(r.status, { "content-type": "text/html; charset=utf-8", ...r.headers });
    res.end(r.body);
  });
  let clock = 1_000_000;
  const cache = createResponseCache({
    fetchOrigin: loopbackOrigin({ port: originPort, host: "status.example.com", bypassHeader: ["x-bypass", "s3cret"], timeoutMs: 500 }),
    freshMs: 5_000,
    staleMs: 60_000,
    staleIfErrorMs: 600_000,
    now: () => clock,
    ...overrides,
  });
  const frontPort = await listen((req, res) => void cache.serve(req.url!, req, res));
  const get = (path: string, headers: Record<string, string> = {}, method = "GET") =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
      const req = http.request({ host: "127.0.0.1", port: frontPort, path, method, headers: { host: "evil.example", ...headers } }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on("error", reject);
      req.end();
    });
  return { origin, seen, cache, get, tick: (ms: number) => (clock += ms) };
}

const page = (body = "<h1>All systems operational</h1>".padEnd(4000, " ")) => ({ status: 200, headers: { "cache-control": "s-maxage=30" }, body });

describe("response cache", () => {
  it("serves a fresh copy without asking the origin, then refreshes a stale one in the background once", async () => {
    let version = 1;
    const t = await setup(() => page(`v${version}`));
    expect((await t.get("/status/acme")).headers["x-cache"]).toBe("MISS");
    const hit = await t.get("/status/acme");
    expect([hit.headers["x-cache"], hit.body.toString()]).toEqual(["HIT", "v1"]);
    expect(t.origin.hits).toEqual(["/status/acme"]);

    version = 2;
    t.tick(6_000);
    // 20 visitors at once while stale: nobody waits for the origin (no MISS), and it is asked once.
    const stale = await Promise.all(Array.from({ length: 20 }, () => t.get("/status/acme")));
    const seen = new Set(stale.map((r) => `${r.headers["x-cache"]} ${r.body}`));
    expect(seen).toContain("STALE v1");
    expect([...seen].filter((x) => x !== "STALE v1" && x !== "HIT v2")).toEqual([]);
    await expect.poll(() => t.origin.hits.length).toBe(2);
    expect((await t.get("/status/acme")).body.toString()).toBe("v2");
  });

  it("asks the origin once for concurrent misses, with the configured Host and the visitor's IP", async () => {
    const t = await setup(() => new Promise((r) => setTimeout(() => r(page("ok")), 150)));
    const results = await Promise.all(Array.from({ length: 30 }, () => t.get("/status/acme", { "x-forwarded-for": "203.0.113.9" })));
    expect(results.every((r) => r.status === 200 && r.body.toString() === "ok")).toBe(true);
    expect(t.origin.hits).toHaveLength(1);
    expect(t.seen[0].headers.host).toBe("status.example.com");
    expect(t.seen[0].headers["x-forwarded-for"]).toBe("203.0.113.9");
    expect(t.seen[0].headers["x-bypass"]).toBe("s3cret");
  });

  it("keeps serving the last good copy while the origin fails, and says so", async () => {
    let failing = false;
    const t = await setup(() => (failing ? { status: 500, body: "db down" } : page("good")));
    await t.get("/status/acme");
    failing = true;
    t.tick(120_000); // past staleMs: a miss, but the origin fails
    const r = await t.get("/status/acme");
    expect([r.status, r.body.toString(), r.headers["x-cache"], r.headers.age]).toEqual([200, "good", "STALE", "120"]);
    expect(t.cache.stats.originErrors).toBe(1);

    t.tick(600_000); // past staleIfErrorMs: the origin's error goes through
    const gone = await t.get("/status/acme");
    expect([gone.status, gone.body.toString()]).toEqual([500, "db down"]);
  });

  it("waits for a hanging origin only briefly when an older copy exists, then serves that copy labelled", async () => {
    let hanging = false;
    const t = await setup(() => (hanging ? "hang" : page("good")), {
      originWaitMs: 150,
      labelStale: (body) => Buffer.concat([body, Buffer.from(" (as of earlier)")]),
    });
    await t.get("/status/acme");
    hanging = true;
    t.tick(120_000); // past staleMs: the visitor would wait for the origin
    const started = Date.now();
    const r = await t.get("/status/acme");
    expect(Date.now() - started).toBeLessThan(450); // the origin's own timeout is 500 ms
    expect([r.status, r.body.toString(), r.headers["x-cache"]]).toEqual([200, "good (as of earlier)", "STALE"]);
    // The next visitors don't wait again while that refresh is still running, even past the back-off.
    t.tick(10_000);
    const again = Date.now();
    expect((await t.get("/status/acme")).body.toString()).toBe("good (as of earlier)");
    expect(Date.now() - again).toBeLessThan(100);
  });

  it("after a failed refresh waits a moment before trying again, instead of asking a failing origin back to back", async () => {
    let failing = false;
    const t = await setup(() => (failing ? { status: 500, body: "db down" } : page("good")));
    await t.get("/status/acme");
    failing = true;
    t.tick(120_000);
    expect((await t.get("/status/acme")).headers["x-cache"]).toBe("STALE"); // waited for the origin, which failed
    const asked = t.origin.hits.length;
    for (let i = 0; i < 5; i++) await t.get("/status/acme"); // the clock stands still: within 250 ms of the failure
    expect(t.origin.hits).toHaveLength(asked);
    t.tick(300);
    expect((await t.get("/status/acme")).headers["x-cache"]).toBe("STALE");
    await expect.poll(() => t.origin.hits.length).toBe(asked + 1);
  });

  it("gzips the labelled copy like any other answer", async () => {
    let failing = false;
    const t = await setup(() => (failing ? { status: 500, body: "db down" } : page()), {
      labelStale: (body) => Buffer.concat([body, Buffer.from("(as of earlier)")]),
    });
    await t.get("/status/acme");
    failing = true;
    t.tick(120_000);
    const zipped = await t.get("/status/acme", { "accept-encoding": "gzip" });
    expect([zipped.headers["content-encoding"], zipped.headers["x-cache"]]).toEqual(["gzip", "STALE"]);
    expect(gunzipSync(zipped.body).toString()).toMatch(/All systems operational<\/h1>\s+\(as of earlier\)$/);
  });

  it("answers 502 when the origin can't be reached and nothing is cached", async () => {
    const t = await setup(() => "hang");
    const r = await t.get("/status/acme");
    expect(r.status).toBe(502);
    expect(r.headers["cache-control"]).toBe("no-store");
  });

  it("never stores per-visitor or failed answers", async () => {
    const replies: Record<string, { status: number; headers?: Record<string, string>; body: string }> = {
      "/cookie": { status: 200, headers: { "set-cookie": "s=1" }, body: "mine" },
      "/private": { status: 200, headers: { "cache-control": "private" }, body: "mine" },
      "/limited": { status: 429, headers: { "retry-after": "7" }, body: "slow down" },
    };
    const t = await setup((p) => replies[p]);
    for (const p of Object.keys(replies)) {
      const first = await t.get(p);
      expect(first.status).toBe(replies[p].status);
      expect(first.headers["x-cache"]).toBe("BYPASS");
      await t.get(p);
    }
    expect((await t.get("/limited")).headers["retry-after"]).toBe("7");
    expect(t.origin.hits).toHaveLength(7);
    expect(t.cache.stats.entries).toBe(0);
  });

  it("caches 404s for their own (shorter) time", async () => {
    const t = await setup(() => ({ status: 404, body: "not found" }), { notFoundFreshMs: 1_000 });
    await t.get("/status/nope");
    expect((await t.get("/status/nope")).headers["x-cache"]).toBe("HIT");
    t.tick(1_500);
    expect((await t.get("/status/nope")).headers["x-cache"]).toBe("STALE");
  });

  it("gzips for clients that accept it, answers If-None-Match with 304, and HEAD without a body", async () => {
    const body = "<p>operational</p>".repeat(500);
    const t = await setup(() => page(body));
    const plain = await t.get("/status/acme");
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body.toString()).toBe(body);
    const zipped = await t.get("/status/acme", { "accept-encoding": "br, gzip" });
    expect(zipped.headers["content-encoding"]).toBe("gzip");
    expect(zipped.headers.vary).toContain("Accept-Encoding");
    expect(Number(zipped.headers["content-length"])).toBeLessThan(body.length / 10);
    expect(gunzipSync(zipped.body).toString()).toBe(body);
    expect((await t.get("/status/acme", { "accept-encoding": "gzip;q=0" })).headers["content-encoding"]).toBeUndefined();

    const etag = plain.headers.etag!;
    const notModified = await t.get("/status/acme", { "if-none-match": etag });
    expect([notModified.status, notModified.body.length]).toEqual([304, 0]);
    const head = await t.get("/status/acme", {}, "HEAD");
    expect([head.status, head.body.length, head.headers["content-length"]]).toEqual([200, 0, String(body.length)]);
    expect(t.origin.hits).toHaveLength(1);
  });

  it("drops a page's entries on invalidation, and a fetch begun before it doesn't store the old page", async () => {
    let version = 1;
    const t = await setup(() => page(`v${version}`));
    await t.get("/status/acme");
    await t.get("/status/acme/feed.json");
    await t.get("/status/acme-two");
    expect(invalidateCachedResponses("/status/acme")).toBeGreaterThanOrEqual(2); // other tests' caches are registered too
    expect(t.cache.stats.entries).toBe(1); // acme-two is another page
    version = 2;
    expect((await t.get("/status/acme")).body.toString()).toBe("v2");

    // A refresh already on its way when the edit lands: its requester gets it, the cache doesn't keep it.
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    t.origin.reply = async () => {
      await gate;
      return page("before the edit");
    };
    t.cache.invalidate("/status/acme");
    const inFlight = t.get("/status/acme");
    await expect.poll(() => t.origin.hits.length).toBe(5);
    t.cache.invalidate("/status/acme");
    release();
    expect((await inFlight).body.toString()).toBe("before the edit");
    t.origin.reply = () => page("after the edit");
    expect((await t.get("/status/acme")).body.toString()).toBe("after the edit");
  });

  it("asks admitMiss before a visitor waits for the origin, never for hits", async () => {
    const asked: string[] = [];
    const t = await setup(() => page("ok"), {
      admitMiss: (req) => {
        asked.push(req.url!);
        return req.url === "/status/scanned" ? 42 : 0;
      },
    });
    await t.get("/status/acme");
    await t.get("/status/acme");
    const limited = await t.get("/status/scanned");
    expect([limited.status, limited.headers["retry-after"]]).toEqual([429, "42"]);
    expect(asked).toEqual(["/status/acme", "/status/scanned"]);
    expect(t.origin.hits).toEqual(["/status/acme"]); // the limited miss never reached the origin
    expect(t.cache.stats.limited).toBe(1);
  });

  it("sends its fixed headers with every answer it writes, in place of the origin's under the same names", async () => {
    const fixed = [
      ["Content-Security-Policy", "default-src 'none'"],
      ["X-Frame-Options", "DENY"],
    ] as const;
    let hanging = false;
    const own = { "cache-control": "s-maxage=30", "x-frame-options": "SAMEORIGIN", vary: "rsc, Accept-Encoding" };
    const t = await setup(
      (p) =>
        p === "/status/gone" ? { status: 500, headers: own, body: "db down" } : hanging ? "hang" : { status: 200, headers: own, body: "<p>ok</p>".repeat(300) },
      { headers: fixed, admitMiss: (req) => (req.url === "/status/scanned" ? 5 : 0), labelStale: (body) => body },
    );
    const miss = await t.get("/status/acme");
    const answers = {
      miss,
      hit: await t.get("/status/acme"),
      gzip: await t.get("/status/acme", { "accept-encoding": "gzip" }),
      notModified: await t.get("/status/acme", { "if-none-match": String(miss.headers.etag) }),
      head: await t.get("/status/acme", {}, "HEAD"),
      passedThrough: await t.get("/status/gone"),
      limited: await t.get("/status/scanned"),
    };
    hanging = true;
    const more = { badGateway: await t.get("/status/other"), staleIfError: (t.tick(120_000), await t.get("/status/acme")) };
    const all = { ...answers, ...more };
    expect(Object.values(all).map((r) => r.status)).toEqual([200, 200, 200, 304, 200, 500, 429, 502, 200]);
    for (const [name, r] of Object.entries(all)) {
      expect([name, r.headers["content-security-policy"], r.headers["x-frame-options"]]).toEqual([name, "default-src 'none'", "DENY"]);
    }
    expect([answers.gzip.headers["content-encoding"], answers.gzip.headers.vary]).toEqual(["gzip", "rsc, Accept-Encoding"]);
    expect(more.staleIfError.headers["x-cache"]).toBe("STALE");
  });

  it("writes a fresh or stale copy at once, without a promise (the hot path)", async () => {
    const t = await setup(() => page("ok"));
    const outcomes: unknown[] = [];
    const port = await listen((req, res) => void outcomes.push(t.cache.serve(req.url!, req, res)));
    const get = async () => (await fetch(`http://127.0.0.1:${port}/status/acme`)).text();
    await get();
    await get();
    t.tick(6_000);
    await get();
    expect(outcomes[0]).toBeInstanceOf(Promise);
    expect(outcomes.slice(1)).toEqual(["hit", "stale"]);
  });

  it("keeps its memory within maxBytes by evicting the oldest entries", async () => {
    const t = await setup(() => page("x".repeat(10_000)), { maxBytes: 50_000 });
    for (let i = 0; i < 10; i++) await t.get(`/status/p${i}`);
    expect(t.cache.stats.bytes).toBeLessThanOrEqual(50_000);
    expect(t.cache.stats.entries).toBeGreaterThan(0);
    expect((await t.get("/status/p9")).headers["x-cache"]).toBe("HIT");
    expect((await t.get("/status/p0")).headers["x-cache"]).toBe("MISS");
  });
});

describe("acceptsGzip", () => {
  it.each([
    ["gzip, deflate, br", true],
    ["br;q=1.0, gzip;q=0.8", true],
    ["gzip;q=0", false],
    ["identity", false],
    ["*", true],
    [undefined, false],
  ])("%s → %s", (header, expected) => expect(acceptsGzip(header)).toBe(expected));
});
