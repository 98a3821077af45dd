import type { IncomingHttpHeaders } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Monitor } from "@/lib/db/schema";
import { httpCheckRunner } from "@/lib/results/http-runner";
import { checkReq, lookupTo, startHttp, startHttps, type Target } from "./__fixtures__/targets";
import { runHttpCheck } from "./http-check";

// Redirect hygiene: the monitor's headers stay with the origin they were written for, and an https
// check never silently continues over plain http.
type Seen = { server: string; method: string; url: string; headers: IncomingHttpHeaders; body: string };
let first: Target; // the monitor's origin (http)
let secure: Target; // the monitor's origin (https)
let third: Target; // another origin a redirect leads to
const seen: Seen[] = [];
const lookup = lookupTo();

const recorder = (server: string) => (req: import("node:http").IncomingMessage, res: import("node:http").ServerResponse) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    seen.push({ server, method: req.method!, url: req.url!, headers: req.headers, body });
    const u = new URL(req.url!, "http://x");
    const to = u.searchParams.get("to");
    if (to) return res.writeHead(Number(u.searchParams.get("status") ?? 302), { location: to }).end();
    res.end(`${server} ok`);
  });
};

beforeAll(async () => {
  first = await startHttp(recorder("first"));
  third = await startHttp(recorder("third"));
  secure = await startHttps(recorder("secure"));
});
afterAll(() => Promise.all([first.close(), third.close(), secure.close()]));

const MONITOR_HEADERS = { Authorization: "Bearer s3cret", Cookie: "session=abc", "X-API-Key": "k-123", "X-Tenant": "acme", "User-Agent": "MyBot/1.0" };
const ENGINE_UA = "Vigil/test (region test; +http://vigil.test)";
const at = (server: string) => seen.filter((s) => s.server === server).at(-1)!;
const redirect = (from: Target, to: string, status = 302) => from.url(`/r?status=${status}&to=${encodeURIComponent(to)}`);

describe("redirects: the monitor's headers never leave its origin", () => {
  it("same origin: every header the monitor set goes along", async () => {
    const r = await runHttpCheck(checkReq(redirect(first, "/final"), { headers: MONITOR_HEADERS }));
    expect(r).toMatchObject({ ok: true });
    const h = at("first").headers;
    expect(at("first").url).toBe("/final");
    expect(h).toMatchObject({ authorization: "Bearer s3cret", cookie: "session=abc", "x-api-key": "k-123", "x-tenant": "acme", "user-agent": "MyBot/1.0" });
  });

  it("another origin gets only the engine's User-Agent and Accept", async () => {
    const r = await runHttpCheck(checkReq(redirect(first, third.url("/landing")), { headers: MONITOR_HEADERS }));
    expect(r).toMatchObject({ ok: true, statusCode: 200 });
    const h = at("third").headers;
    for (const name of ["authorization", "cookie", "x-api-key", "x-tenant"]) expect(h[name]).toBeUndefined();
    expect(h["user-agent"]).toBe(ENGINE_UA);
    expect(h["accept"]).toBe("*/*");
  });

  it("same host on another port, and http → https on the same host, are other origins too", async () => {
    const sameHost = `http://127.0.0.1:${third.port}/p`;
    await runHttpCheck(checkReq(redirect(first, sameHost), { headers: MONITOR_HEADERS }));
    expect(at("third").headers["x-api-key"]).toBeUndefined();
    await runHttpCheck(checkReq(redirect(first, `https://localhost:${secure.port}/s`), { headers: MONITOR_HEADERS, verifyTls: false }), { lookup });
    expect(at("secure").headers["authorization"]).toBeUndefined();
  });

  it("headers stay dropped when a later redirect comes back to the first origin", async () => {
    const back = redirect(third, first.url("/home"));
    await runHttpCheck(checkReq(redirect(first, back), { headers: MONITOR_HEADERS }));
    expect(at("first").url).toBe("/home");
    expect(at("first").headers["authorization"]).toBeUndefined();
  });

  it("a 307 to another origin resends the body with its content type, but not the credentials", async () => {
    const r = await runHttpCheck(
      checkReq(redirect(first, third.url("/post"), 307), {
        method: "POST",
        body: '{"a":1}',
        headers: { ...MONITOR_HEADERS, "Content-Type": "application/json" },
      }),
    );
    expect(r.ok).toBe(true);
    expect(at("third")).toMatchObject({ method: "POST", body: '{"a":1}' });
    expect(at("third").headers).toMatchObject({ "content-type": "application/json", "user-agent": ENGINE_UA });
    expect(at("third").headers["x-api-key"]).toBeUndefined();
  });
});

describe("redirects: https → http", () => {
  const downgrade = () => redirect(secure, `http://localhost:${third.port}/plain`);

  it("is refused by default, without making the plain request", async () => {
    const before = seen.filter((s) => s.server === "third").length;
    const r = await runHttpCheck(checkReq(downgrade(), { verifyTls: false, headers: MONITOR_HEADERS }), { lookup });
    expect(r).toMatchObject({ ok: false, errorClass: "protocol", statusCode: 302 });
    expect(r.error).toBe(
      `Redirect from https to http refused (https://127.0.0.1:${secure.port}/r?status=302&to=${encodeURIComponent(`http://localhost:${third.port}/plain`)} → http://localhost:${third.port}/plain); allow it in the monitor's settings ("Allow redirects from https to http")`,
    );
    expect(seen.filter((s) => s.server === "third").length).toBe(before);
  });

  it("is followed when the monitor allows it (and the headers still stay behind)", async () => {
    const r = await runHttpCheck(checkReq(downgrade(), { verifyTls: false, allowHttpDowngrade: true, headers: MONITOR_HEADERS }), { lookup });
    expect(r).toMatchObject({ ok: true, statusCode: 200 });
    expect(at("third").url).toBe("/plain");
    expect(at("third").headers["authorization"]).toBeUndefined();
  });

  it("http → https and https → https are not downgrades", async () => {
    expect(await runHttpCheck(checkReq(redirect(first, `https://localhost:${secure.port}/up`), { verifyTls: false }), { lookup })).toMatchObject({ ok: true });
    expect(await runHttpCheck(checkReq(redirect(secure, "/up"), { verifyTls: false }), { lookup: lookupTo() })).toMatchObject({ ok: true });
  });

  it("the production runner passes the monitor's allowHttpDowngrade", async () => {
    const monitor = (allowHttpDowngrade: boolean) =>
      ({
        url: downgrade(),
        method: "GET",
        headers: {},
        body: null,
        timeoutSeconds: 5,
        followRedirects: true,
        allowHttpDowngrade,
        verifyTls: false,
        expectedStatus: "200-299",
        keyword: null,
        keywordMode: "present",
      }) as unknown as Monitor;
    const run = httpCheckRunner({ allowPrivate: true, appUrl: "http://vigil.test", deps: { lookup } });
    expect(await run(monitor(false), "local")).toMatchObject({ ok: false, errorClass: "protocol" });
    expect(await run(monitor(true), "local")).toMatchObject({ ok: true });
  });
});
