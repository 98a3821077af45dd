import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXPIRED_CERT, LOCALHOST_CERT, checkReq, lookupTo, startHttp, startHttps, type Target } from "./__fixtures__/targets";
import { runHttpCheck } from "./http-check";

let good: Target;
let expired: Target;
let plain: Target;
const lookup = lookupTo(); // localhost → 127.0.0.1, whatever /etc/hosts says about ::1
const VALID_TO = new Date("2126-10-30T00:56:17Z");

beforeAll(async () => {
  good = await startHttps((_q, res) => res.end("secure ok"));
  expired = await startHttps((_q, res) => res.end("stale ok"), EXPIRED_CERT);
  plain = await startHttp((_q, res) => res.end("plain"));
});
afterAll(() => Promise.all([good.close(), expired.close(), plain.close()]));

const at = (t: Target) => `https://localhost:${t.port}/`;

describe("runHttpCheck: TLS", () => {
  it("a self-signed certificate fails verification, with its expiry recorded", async () => {
    const r = await runHttpCheck(checkReq(at(good), { verifyTls: true }), { lookup });
    expect(r).toMatchObject({ ok: false, statusCode: null, errorClass: "tls", error: "TLS certificate is self-signed", tlsExpiresAt: VALID_TO });
  });

  it("passes with verifyTls false, recording expiry and TLS timing", async () => {
    const r = await runHttpCheck(checkReq(at(good), { verifyTls: false, keyword: "secure ok" }), { lookup });
    expect(r).toMatchObject({ ok: true, statusCode: 200, tlsExpiresAt: VALID_TO, remoteAddress: "127.0.0.1" });
    const t = r.timings;
    expect(t.dnsMs).not.toBeNull();
    expect(t.tlsMs).toBeGreaterThan(0);
    expect(t.ttfbMs!).toBeGreaterThanOrEqual(t.dnsMs! + t.connectMs! + t.tlsMs! - 0.05);
    expect(t.totalMs).toBeGreaterThanOrEqual(t.ttfbMs!);
  });

  it("passes verification when the certificate is trusted, still recording expiry", async () => {
    const r = await runHttpCheck(checkReq(at(good), { verifyTls: true }), { lookup, ca: LOCALHOST_CERT });
    expect(r).toMatchObject({ ok: true, statusCode: 200, errorClass: null, tlsExpiresAt: VALID_TO });
  });

  it("a certificate for another name fails as a hostname mismatch", async () => {
    const r = await runHttpCheck(checkReq(good.url(), { verifyTls: true }), { ca: LOCALHOST_CERT });
    expect(r).toMatchObject({ ok: false, errorClass: "tls", error: "TLS certificate is not valid for 127.0.0.1" });
    const both = await runHttpCheck(checkReq(good.url(), { verifyTls: true }));
    expect(both.error).toBe("TLS certificate is self-signed and is not valid for 127.0.0.1");
  });

  it("an expired certificate fails with its date; passes without verification", async () => {
    const r = await runHttpCheck(checkReq(at(expired), { verifyTls: true }), { lookup, ca: EXPIRED_CERT });
    expect(r).toMatchObject({
      ok: false,
      errorClass: "tls",
      error: "TLS certificate has expired (on 2020-01-02)",
      tlsExpiresAt: new Date("2020-01-02T00:00:00Z"),
    });
    const untrusted = await runHttpCheck(checkReq(at(expired), { verifyTls: true }), { lookup });
    expect(untrusted.error).toMatch(/^TLS certificate has expired \(on 2020-01-02\)/);
    const lax = await runHttpCheck(checkReq(at(expired), { verifyTls: false }), { lookup });
    expect(lax).toMatchObject({ ok: true, tlsExpiresAt: new Date("2020-01-02T00:00:00Z") });
  });

  it("https to a plain-HTTP port is a TLS error, not a hang", async () => {
    const r = await runHttpCheck(checkReq(`https://127.0.0.1:${plain.port}/`, { timeoutMs: 3000 }));
    expect(r).toMatchObject({ ok: false, errorClass: "tls" });
    expect(r.error).toMatch(/^TLS handshake failed/);
    expect(r.timings.totalMs).toBeLessThan(2000);
  });
});
