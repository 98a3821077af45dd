import type { PeerCertificate } from "node:tls";
import { describe, expect, it } from "vitest";
import { CheckFailure, classifyError, formatSeconds, timeoutMessage, tlsFailureMessage } from "./classify-error";

const ctx = { host: "example.com", phase: "headers" as const, timeoutMs: 10_000 };
const err = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(`boom ${code}`), { code, ...extra });

describe("classifyError", () => {
  it.each([
    [err("ENOTFOUND", { syscall: "getaddrinfo" }), "dns", "DNS lookup failed for example.com (no such domain)"],
    [err("EAI_AGAIN"), "dns", "DNS lookup failed for example.com (temporary DNS failure)"],
    [err("ECONNREFUSED", { address: "203.0.113.5", port: 443 }), "refused", "Connection refused by 203.0.113.5:443"],
    [err("ECONNRESET"), "reset", "Connection reset"],
    [err("EPIPE"), "reset", "Connection reset"],
    [err("UND_ERR_SOCKET"), "reset", "Connection reset: the server closed the connection before the response was complete"],
    [err("ETIMEDOUT"), "timeout", "Timed out after 10 s waiting for the response"],
    [err("UND_ERR_HEADERS_TIMEOUT"), "timeout", "Timed out after 10 s waiting for the response"],
    [err("HPE_INVALID_CONSTANT"), "protocol", "Invalid HTTP response (boom HPE_INVALID_CONSTANT)"],
    [err("UND_ERR_HEADERS_OVERFLOW"), "protocol", "Invalid HTTP response (headers too large)"],
    [err("ERR_SSL_WRONG_VERSION_NUMBER"), "tls", expect.stringMatching(/^TLS handshake failed/)],
    [err("EHOSTUNREACH", { address: "203.0.113.5", port: 80 }), "unknown", "Host unreachable: 203.0.113.5:80"],
    [err("UND_ERR_INVALID_ARG"), "unknown", "Invalid request: boom UND_ERR_INVALID_ARG"],
    [new Error("weird"), "unknown", "Check failed: weird"],
    [new CheckFailure("blocked", "Blocked: x"), "blocked", "Blocked: x"],
  ])("%s → %s", (e, errorClass, error) => {
    expect(classifyError(e, ctx)).toEqual({ errorClass, error });
  });

  it("digs into happy-eyeballs aggregates and causes", () => {
    const agg = Object.assign(
      new AggregateError([err("ECONNREFUSED", { address: "::1", port: 80 }), err("ECONNREFUSED", { address: "127.0.0.1", port: 80 })]),
      { code: "ECONNREFUSED" },
    );
    expect(classifyError(agg, ctx)).toEqual({ errorClass: "refused", error: "Connection refused by 127.0.0.1:80" });
    const wrapped = Object.assign(new Error("fetch failed"), { code: "UND_ERR_X", cause: err("ECONNRESET") });
    expect(classifyError(wrapped, ctx).errorClass).toBe("reset");
  });

  it("an unknown error during the TLS handshake is a TLS error", () => {
    expect(classifyError(err("EPROTO"), { ...ctx, phase: "tls" }).errorClass).toBe("tls");
    expect(classifyError(err("ECONNRESET"), { ...ctx, phase: "tls" })).toEqual({ errorClass: "reset", error: "Connection reset during the TLS handshake" });
  });
});

describe("messages", () => {
  it("formats seconds", () => {
    expect(formatSeconds(10_000)).toBe("10 s");
    expect(formatSeconds(1_500)).toBe("1.5 s");
    expect(formatSeconds(800)).toBe("0.8 s");
    expect(formatSeconds(250)).toBe("0.25 s");
    expect(timeoutMessage(30_000, "dns")).toBe("Timed out after 30 s resolving the host name");
  });

  const cert = (from: string, to: string) => ({ valid_from: from, valid_to: to, subject: { CN: "x" } }) as unknown as PeerCertificate;
  const now = new Date("2026-06-01T00:00:00Z");
  const valid = cert("Jan  1 00:00:00 2026 GMT", "Jan  1 00:00:00 2027 GMT");

  it.each([
    ["CERT_HAS_EXPIRED", cert("Jan  1 00:00:00 2020 GMT", "Jan  2 00:00:00 2020 GMT"), null, "TLS certificate has expired (on 2020-01-02)"],
    ["CERT_NOT_YET_VALID", cert("Jan  1 00:00:00 2027 GMT", "Jan  1 00:00:00 2028 GMT"), null, "TLS certificate is not valid yet (from 2027-01-01)"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", valid, null, "TLS certificate is self-signed"],
    ["SELF_SIGNED_CERT_IN_CHAIN", valid, null, "TLS certificate chains to an untrusted self-signed root"],
    ["UNABLE_TO_VERIFY_LEAF_SIGNATURE", valid, null, "TLS certificate is issued by an unknown authority (or the chain is incomplete)"],
    ["ERR_TLS_CERT_ALTNAME_INVALID", valid, "no match", "TLS certificate is not valid for example.com"],
    ["DEPTH_ZERO_SELF_SIGNED_CERT", valid, "no match", "TLS certificate is self-signed and is not valid for example.com"],
    ["CERT_REVOKED", valid, null, "TLS certificate has been revoked"],
    ["SOMETHING_NEW", valid, null, "TLS certificate is not trusted (SOMETHING_NEW)"],
  ])("%s → %s", (code, c, identity, message) => {
    expect(tlsFailureMessage(code, c, "example.com", identity, now)).toBe(message);
  });
});
