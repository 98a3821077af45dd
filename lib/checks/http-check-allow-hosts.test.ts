import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Monitor } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { httpCheckRunner } from "@/lib/results/http-runner";
import { checkReq, lookupTo, startHttp, type Target } from "./__fixtures__/targets";
import { runHttpCheck } from "./http-check";

// CHECKS_ALLOW_HOSTS: named hosts (or host:port) the private-address guard lets through, on the URL's
// host as written, hop by hop.
let allowed: Target;
let other: Target;
const hits: string[] = [];

beforeAll(async () => {
  other = await startHttp((req, res) => {
    hits.push(`other${req.url}`);
    res.end("other service");
  });
  allowed = await startHttp((req, res) => {
    hits.push(`allowed${req.url}`);
    if (req.url!.startsWith("/redirect?to=")) return res.writeHead(302, { location: decodeURIComponent(req.url!.slice(13)) }).end();
    res.end("allowed service");
  });
});
afterAll(() => Promise.all([allowed.close(), other.close()]));

const guarded = (allowHosts?: string[]) => ({ allowPrivate: false, allowHosts });

describe("CHECKS_ALLOW_HOSTS in the engine", () => {
  it("127.0.0.1:<port> is blocked without the list, allowed when listed, still blocked on another port", async () => {
    const url = allowed.url("/");
    expect(await runHttpCheck(checkReq(url, guarded()))).toMatchObject({ ok: false, errorClass: "blocked" });
    expect(await runHttpCheck(checkReq(url, guarded([`127.0.0.1:${allowed.port}`])))).toMatchObject({ ok: true, statusCode: 200 });
    const before = hits.length;
    const elsewhere = await runHttpCheck(checkReq(other.url("/"), guarded([`127.0.0.1:${allowed.port}`])));
    expect(elsewhere).toMatchObject({ ok: false, errorClass: "blocked" });
    expect(hits.length).toBe(before);
  });

  it("a bare host entry allows every port of that host; names compare case-insensitively", async () => {
    expect(await runHttpCheck(checkReq(other.url("/"), guarded(["127.0.0.1"])))).toMatchObject({ ok: true });
    const lookup = lookupTo({ "demo.internal": ["127.0.0.1"] });
    const r = await runHttpCheck(checkReq(`http://Demo.Internal:${allowed.port}/`, guarded([`DEMO.internal:${allowed.port}`])), { lookup });
    expect(r).toMatchObject({ ok: true, statusCode: 200 });
    expect(await runHttpCheck(checkReq(`http://demo.internal:${other.port}/`, guarded([`demo.internal:${allowed.port}`])), { lookup })).toMatchObject({
      errorClass: "blocked",
    });
  });

  it("a redirect from an allowed host to a private address that isn't listed is blocked at that hop", async () => {
    const before = hits.length;
    const to = encodeURIComponent(other.url("/secret"));
    const r = await runHttpCheck(checkReq(allowed.url(`/redirect?to=${to}`), guarded([`127.0.0.1:${allowed.port}`])));
    expect(r).toMatchObject({ ok: false, errorClass: "blocked" });
    expect(r.error).toContain(`CHECKS_ALLOW_HOSTS=127.0.0.1:${other.port}`);
    expect(hits.slice(before)).toEqual([`allowed/redirect?to=${to}`]); // other/secret never reached
    const viaName = `http://localhost:${other.port}/secret`;
    const r2 = await runHttpCheck(checkReq(allowed.url(`/redirect?to=${encodeURIComponent(viaName)}`), guarded([`127.0.0.1:${allowed.port}`])), {
      lookup: lookupTo(),
    });
    expect(r2).toMatchObject({ ok: false, errorClass: "blocked", error: expect.stringMatching(/^Blocked: localhost resolves to a loopback address;/) });
  });

  it("the production runner passes env.CHECKS_ALLOW_HOSTS to the engine", async () => {
    const saved = env.CHECKS_ALLOW_HOSTS;
    const monitor = {
      url: allowed.url("/"),
      method: "GET",
      headers: {},
      body: null,
      timeoutSeconds: 5,
      followRedirects: true,
      allowHttpDowngrade: false,
      verifyTls: true,
      expectedStatus: "200-299",
      keyword: null,
      keywordMode: "present",
    } as unknown as Monitor;
    try {
      env.CHECKS_ALLOW_HOSTS = [];
      expect(await httpCheckRunner({ allowPrivate: false })(monitor, "local")).toMatchObject({ errorClass: "blocked" });
      env.CHECKS_ALLOW_HOSTS = [`127.0.0.1:${allowed.port}`];
      expect(await httpCheckRunner({ allowPrivate: false })(monitor, "local")).toMatchObject({ ok: true, statusCode: 200 });
    } finally {
      env.CHECKS_ALLOW_HOSTS = saved;
    }
  });
});
