import type { IncomingHttpHeaders } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkReq, startHttp, type Target } from "./__fixtures__/targets";
import { defaultUserAgent, runHttpCheck } from "./http-check";

type Seen = { method: string; url: string; headers: IncomingHttpHeaders; body: string };
let target: Target;
const seen: Seen[] = [];
let loopHits = 0;

beforeAll(async () => {
  target = await startHttp((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      const u = req.url!;
      if (u === "/up") return res.end("hello, all ok here");
      if (u === "/down") return res.writeHead(503, { "x-test": "yes" }).end("down for maintenance");
      if (u === "/moved") return res.writeHead(301, { location: "/up" }).end();
      if (u === "/found") return res.writeHead(302, { location: `http://localhost:${target.port}/up` }).end();
      if (u === "/see-other") return res.writeHead(303, { location: "/echo" }).end();
      if (u === "/temp") return res.writeHead(307, { location: "/echo" }).end();
      if (u === "/loop") return (loopHits++, res.writeHead(302, { location: "/loop" }).end());
      if (u === "/ftp") return res.writeHead(302, { location: "ftp://example.com/" }).end();
      if (u === "/no-location") return res.writeHead(302).end();
      if (u === "/echo") return res.setHeader("content-type", "application/json").end(JSON.stringify({ method: req.method, body, headers: req.headers }));
      if (u === "/nul") return res.writeHead(500).end("bad\u0000byte");
      res.writeHead(404).end("not found");
    });
  });
});
afterAll(() => target.close());

const run = (path: string, over = {}) => runHttpCheck(checkReq(target.url(path), over));

describe("runHttpCheck: up and status", () => {
  it("is ok on a 200 with the keyword present, with timings and the remote address", async () => {
    const r = await run("/up", { keyword: "all ok", keywordMode: "present" });
    expect(r).toMatchObject({
      ok: true,
      statusCode: 200,
      errorClass: null,
      error: null,
      remoteAddress: "127.0.0.1",
      responseHeaders: null,
      bodySnippet: null,
      tlsExpiresAt: null,
    });
    const t = r.timings;
    expect(t.dnsMs).toBeNull(); // IP literal
    expect(t.tlsMs).toBeNull(); // plain http
    expect(t.connectMs).toBeGreaterThanOrEqual(0);
    expect(t.ttfbMs!).toBeGreaterThanOrEqual(t.connectMs!);
    expect(t.totalMs).toBeGreaterThanOrEqual(t.ttfbMs!);
    expect(r.latencyMs).toBe(t.totalMs);
    expect(r.startedAt).toBeInstanceOf(Date);
  });

  it("times DNS when the target is a name", async () => {
    const r = await runHttpCheck(checkReq(`http://localhost:${target.port}/up`));
    expect(r.ok).toBe(true);
    expect(r.timings.dnsMs).toBeGreaterThanOrEqual(0);
    expect(r.timings.totalMs).toBeGreaterThanOrEqual(r.timings.ttfbMs!);
  });

  it("keyword absent: ok when missing, a keyword failure with the body when present", async () => {
    expect((await run("/up", { keyword: "error", keywordMode: "absent" })).ok).toBe(true);
    const r = await run("/up", { keyword: "all ok", keywordMode: "absent" });
    expect(r).toMatchObject({
      ok: false,
      statusCode: 200,
      errorClass: "keyword",
      error: 'Keyword "all ok" found in the response body (expected absent)',
      bodySnippet: "hello, all ok here",
    });
    expect(r.responseHeaders).toMatch(/content-length: 18/);
  });

  it("keyword present but missing", async () => {
    const r = await run("/up", { keyword: "nope" });
    expect(r).toMatchObject({ ok: false, errorClass: "keyword", error: 'Keyword "nope" not found in the first 1 MiB' });
  });

  it("status mismatch keeps the headers and the start of the body", async () => {
    const r = await run("/down");
    expect(r).toMatchObject({
      ok: false,
      statusCode: 503,
      errorClass: "status",
      error: "Expected status 200-299, got 503",
      bodySnippet: "down for maintenance",
    });
    expect(r.responseHeaders).toContain("x-test: yes");
  });

  it("accepts lists and ranges", async () => {
    expect((await run("/down", { expectedStatus: "200, 500-503" })).ok).toBe(true);
    expect((await run("/up", { expectedStatus: "201-299" })).error).toBe("Expected status 201-299, got 200");
  });

  it("replaces NUL bytes in the snippet (Postgres text cannot hold them)", async () => {
    expect((await run("/nul")).bodySnippet).toBe("bad\uFFFDbyte");
  });

  it("never throws on bad input", async () => {
    expect(await runHttpCheck(checkReq("not a url"))).toMatchObject({ ok: false, errorClass: "unknown", error: 'Invalid URL "not a url"' });
    expect(await runHttpCheck(checkReq("ftp://example.com/"))).toMatchObject({
      ok: false,
      errorClass: "unknown",
      error: "Invalid URL: only http and https are supported, not ftp:",
    });
    expect(await run("/up", { timeoutMs: Number.NaN })).toMatchObject({ ok: true });
    expect(await run("/up", { expectedStatus: "2xx" })).toMatchObject({
      ok: false,
      errorClass: "unknown",
      error: expect.stringMatching(/^Invalid expected status/),
    });
    expect(await run("/up", { method: "BAD METHOD" })).toMatchObject({ ok: false, errorClass: "unknown" });
    expect(await run("/up", { headers: { "x-bad": "a\r\nb" } })).toMatchObject({
      ok: false,
      errorClass: "unknown",
      error: expect.stringMatching(/^Invalid request/),
    });
  });
});

describe("runHttpCheck: redirects", () => {
  it("follows redirects (relative and absolute, to another origin)", async () => {
    expect(await run("/moved", { keyword: "all ok" })).toMatchObject({ ok: true, statusCode: 200 });
    expect(await run("/found")).toMatchObject({ ok: true, statusCode: 200 });
  });

  it("judges a 3xx against the expected status when not following", async () => {
    expect(await run("/moved", { followRedirects: false })).toMatchObject({
      ok: false,
      statusCode: 301,
      errorClass: "status",
      error: "Expected status 200-299, got 301",
    });
    expect(await run("/moved", { followRedirects: false, expectedStatus: "200-299,301" })).toMatchObject({ ok: true, statusCode: 301 });
  });

  it("bounds a redirect loop (default 5, or maxRedirects)", async () => {
    loopHits = 0;
    const r = await run("/loop");
    expect(r).toMatchObject({ ok: false, statusCode: 302, errorClass: "status" });
    expect(r.error).toMatch(/^Too many redirects \(more than 5\)/);
    expect(loopHits).toBe(6);
    loopHits = 0;
    expect((await run("/loop", { maxRedirects: 1 })).error).toMatch(/more than 1\)/);
    expect(loopHits).toBe(2);
  });

  it("turns POST into GET on 303 and keeps method and body on 307", async () => {
    const post = { method: "POST", body: '{"a":1}', headers: { "content-type": "application/json" } };
    const r303 = await run("/see-other", { ...post, keyword: '"method":"GET"' });
    expect(r303.ok).toBe(true);
    const r307 = await run("/temp", { ...post, keyword: '"body":"{\\"a\\":1}"' });
    expect(r307.ok).toBe(true);
  });

  it("refuses a redirect to a non-HTTP scheme and judges a 3xx without location", async () => {
    expect(await run("/ftp")).toMatchObject({ ok: false, errorClass: "protocol", error: expect.stringContaining("unsupported URL (ftp:)") });
    expect(await run("/no-location")).toMatchObject({ ok: false, statusCode: 302, errorClass: "status" });
  });
});

describe("runHttpCheck: request shape", () => {
  const lastEcho = () => seen.filter((s) => s.url === "/echo").at(-1)!;

  it("sends method, headers, body and the default User-Agent", async () => {
    const r = await run("/echo", { method: "put", headers: { "X-Custom": "1" }, body: "payload" });
    expect(r.ok).toBe(true);
    const s = lastEcho();
    expect(s).toMatchObject({ method: "PUT", body: "payload" });
    expect(s.headers["x-custom"]).toBe("1");
    expect(s.headers["user-agent"]).toBe("Vigil/test (region test; +http://vigil.test)");
    expect(s.headers["accept"]).toBe("*/*");
  });

  it("respects the monitor's own User-Agent whatever its case", async () => {
    await run("/echo", { headers: { "uSeR-aGeNt": "MyBot/1.0" } });
    expect(lastEcho().headers["user-agent"]).toBe("MyBot/1.0");
  });

  it("drops hop-by-hop headers instead of failing", async () => {
    const r = await run("/echo", { headers: { Connection: "close", "Transfer-Encoding": "chunked", "Content-Length": "999" }, body: "x" });
    expect(r.ok).toBe(true);
    expect(lastEcho().headers["content-length"]).toBe("1");
  });

  it("HEAD works", async () => {
    expect(await run("/up", { method: "HEAD" })).toMatchObject({ ok: true, statusCode: 200 });
  });

  it("formats the default User-Agent per the contract", () => {
    expect(defaultUserAgent("1.2.3", "eu", "https://vigil.example")).toBe("Vigil/1.2.3 (region eu; +https://vigil.example)");
  });
});
