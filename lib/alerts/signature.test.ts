import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhookSignature } from "./signature";

// Computed independently (Python's hmac module, as in docs/api.md) for the same secret, t and body.
const BODY = '{"event":"test"}';
const T = 1764583500;
const KNOWN = `t=${T},v1=dbe70be8af1d003e0df33a9999e5b7ed19beba4dfbc523462b237944a8b31ee1`;

describe("webhook signatures", () => {
  it("signs t and the raw body with HMAC-SHA256", () => {
    expect(signWebhook("whsec_test", BODY, T)).toBe(KNOWN);
  });

  it("verifies within the tolerance and refuses everything else", () => {
    expect(verifyWebhookSignature(KNOWN, BODY, "whsec_test", 300, T + 299)).toEqual({ ok: true });
    expect(verifyWebhookSignature(KNOWN, BODY, "whsec_test", 300, T - 60)).toEqual({ ok: true }); // sender clock a minute ahead
    expect(verifyWebhookSignature(KNOWN, BODY, "whsec_test", 300, T + 301)).toEqual({ ok: false, reason: "timestamp outside the tolerance" });
    expect(verifyWebhookSignature(KNOWN, BODY, "other", 300, T)).toEqual({ ok: false, reason: "signature mismatch" });
    expect(verifyWebhookSignature(KNOWN, `${BODY} `, "whsec_test", 300, T)).toEqual({ ok: false, reason: "signature mismatch" });
    expect(verifyWebhookSignature(KNOWN.replace(`t=${T}`, `t=${T + 1}`), BODY, "whsec_test", 300, T)).toEqual({ ok: false, reason: "signature mismatch" });
    expect(verifyWebhookSignature("v1=abc", BODY, "whsec_test", 300, T)).toEqual({ ok: false, reason: "malformed signature" });
    expect(verifyWebhookSignature("t=1,v1=short", BODY, "whsec_test", 300, 1)).toEqual({ ok: false, reason: "signature mismatch" });
    expect(verifyWebhookSignature(undefined, BODY, "whsec_test")).toEqual({ ok: false, reason: "missing signature" });
  });

  it("accepts any matching v1 of several (secret rotation)", () => {
    const rotated = `${signWebhook("old", BODY, T)},v1=${signWebhook("whsec_test", BODY, T).split("v1=")[1]}`;
    expect(verifyWebhookSignature(rotated, BODY, "whsec_test", 300, T)).toEqual({ ok: true });
  });
});
