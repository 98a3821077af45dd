import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { VERSION } from "../version";
import { startReceiver, type Receiver } from "./channel-types/testing-receiver";
import { parseRetryAfter, sendHttp } from "./outgoing";
import type { LookupFn } from "../checks/connector";

let rx: Receiver;
beforeAll(async () => {
  rx = await startReceiver();
});
afterAll(() => rx.close());

const post = (path: string, extra: Partial<Parameters<typeof sendHttp>[0]> = {}) => ({
  url: `${rx.url}${path}`,
  method: "POST" as const,
  headers: { "Content-Type": "application/json" },
  body: '{"a":1}',
  ...extra,
});
const allowed = () => ({ allowHosts: rx.allowHosts });
const toLoopback: LookupFn = (_host, cb) => cb(null, [{ address: "127.0.0.1", family: 4 }]);

describe("sendHttp", () => {
  it("POSTs the body with Vigil's User-Agent; a 2xx is a success", async () => {
    rx.respond((_r, res) => res.writeHead(204).end());
    const before = rx.requests.length;
    expect(await sendHttp(post("/ok?token=abc"), allowed())).toEqual({ ok: true, status: 204 });
    const got = rx.requests.at(-1)!;
    expect(rx.requests.length).toBe(before + 1);
    expect(got).toMatchObject({ method: "POST", path: "/ok?token=abc", body: '{"a":1}' });
    expect(got.headers["user-agent"]).toBe(`Vigil/${VERSION}`);
    expect(got.headers["content-type"]).toBe("application/json");
  });

  it("classifies answers: 5xx, 408 and 429 retryable (Retry-After kept), other 4xx permanent", async () => {
    rx.respond((r, res) => {
      const code = Number(r.path.slice(1).split("?")[0]);
      res.writeHead(code, code === 429 ? { "Retry-After": "7" } : {}).end(code === 500 ? "database is on fire" : "");
    });
    const r500 = await sendHttp(post("/500"), allowed());
    expect(r500).toMatchObject({ ok: false, permanent: false, status: 500 });
    expect(r500.ok || r500.error).toBe(`HTTP 500 from 127.0.0.1:${rx.port}: database is on fire`);
    expect(await sendHttp(post("/408"), allowed())).toMatchObject({ ok: false, permanent: false, status: 408 });
    expect(await sendHttp(post("/429"), allowed())).toMatchObject({ ok: false, permanent: false, status: 429, retryAfterSeconds: 7 });
    expect(await sendHttp(post("/410"), allowed())).toMatchObject({ ok: false, permanent: true, status: 410 });
    expect(await sendHttp(post("/400"), allowed())).toMatchObject({ ok: false, permanent: true, status: 400 });
  });

  it("keeps a bounded excerpt of a failed body and never echoes secrets or the URL's path and query", async () => {
    rx.respond((r, res) => res.writeHead(401).end(`bad token s3cr3t-value for ${r.path} ${"x".repeat(1024 * 1024)}`));
    const r = await sendHttp(post("/hook/T0123/B456?key=qqqq", { redact: ["s3cr3t-value"] }), allowed());
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.permanent).toBe(true);
    expect(r.error).toContain("bad token [redacted] for [redacted]");
    expect(r.error).not.toMatch(/s3cr3t|T0123|qqqq/);
    expect(r.error.length).toBeLessThan(400);
  });

  it("does not follow redirects: a 3xx is a permanent failure and the Location is never requested", async () => {
    rx.respond((r, res) => (r.path === "/moved" ? res.writeHead(302, { Location: `${rx.url}/landing` }).end() : res.writeHead(200).end()));
    const before = rx.requests.length;
    const r = await sendHttp(post("/moved"), allowed());
    expect(r).toMatchObject({ ok: false, permanent: true, status: 302 });
    expect(r.ok || r.error).toMatch(/redirects are not followed/);
    expect(rx.requests.slice(before).map((q) => q.path)).toEqual(["/moved"]);
  });

  it("gives up on a receiver that hangs after the timeout, as a retryable failure", async () => {
    rx.respond(() => {}); // never answers
    const started = Date.now();
    const r = await sendHttp(post("/hang"), { ...allowed(), timeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(r).toMatchObject({ ok: false, permanent: false });
    expect(r.ok || r.error).toMatch(/No answer from 127\.0\.0\.1:\d+ within 0\.3 s/);
  });

  it("refuses private addresses unless allowed, permanently and without connecting", async () => {
    rx.respond((_r, res) => res.writeHead(200).end());
    const before = rx.requests.length;
    const literal = await sendHttp(post("/x"), { allowPrivate: false, allowHosts: [] });
    expect(literal).toMatchObject({ ok: false, permanent: true });
    expect(literal.ok || literal.error).toMatch(/loopback/);
    // A public-looking name that resolves to loopback (DNS rebinding) is refused at connect time.
    const named = await sendHttp({ ...post("/x"), url: `http://hooks.example.test:${rx.port}/x` }, { allowPrivate: false, allowHosts: [], lookup: toLoopback });
    expect(named).toMatchObject({ ok: false, permanent: true });
    expect(named.ok || named.error).toMatch(/hooks\.example\.test resolves to a loopback address/);
    const metadata = await sendHttp({ ...post("/x"), url: "http://169.254.169.254/latest/meta-data/" }, { allowPrivate: false, allowHosts: [] });
    expect(metadata.ok || metadata.error).toMatch(/cloud metadata/);
    expect(rx.requests.length).toBe(before);
    // The operator's allow-list (host:port) lets exactly that name through.
    const listed = await sendHttp(
      { ...post("/x"), url: `http://hooks.example.test:${rx.port}/x` },
      { allowHosts: [`hooks.example.test:${rx.port}`], lookup: toLoopback },
    );
    expect(listed).toEqual({ ok: true, status: 200 });
  });

  it("treats a refused connection as retryable", async () => {
    const gone = await startReceiver();
    const url = `${gone.url}/x`;
    await gone.close();
    const r = await sendHttp({ ...post("/x"), url }, { allowPrivate: true });
    expect(r).toMatchObject({ ok: false, permanent: false });
    expect(r.ok || r.error).toMatch(/refused/i);
  });

  it("a request undici can't send (header value outside Latin-1) is permanent", async () => {
    const r = await sendHttp(post("/x", { headers: { "X-Mood": "☕" } }), allowed());
    expect(r).toMatchObject({ ok: false, permanent: true });
  });

  it("reads Retry-After as seconds or an HTTP date, capped at a day", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120);
    expect(parseRetryAfter("Thu, 01 Jan 2026 00:01:00 GMT", now)).toBe(60);
    expect(parseRetryAfter("9999999", now)).toBe(86_400);
    expect(parseRetryAfter("soon", now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });
});
