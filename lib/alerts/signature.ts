import { createHmac, timingSafeEqual } from "node:crypto";

/**
 * Webhook signatures: `Vigil-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`.
 * The timestamp is signed with the body, so a captured request can't be replayed after the receiver's
 * tolerance window, and `v1=` leaves room for a second scheme during a key or algorithm rotation.
 */
export function signWebhook(secret: string, body: string, t: number = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return `t=${t},v1=${mac}`;
}

export type SignatureVerdict = { ok: true } | { ok: false; reason: string };

/**
 * Checks a Vigil-Signature header against the raw body. Rejects a timestamp further than
 * `toleranceSeconds` from `now` in either direction (clock skew) and compares in constant time.
 */
export function verifyWebhookSignature(
  header: string | null | undefined,
  body: string,
  secret: string,
  toleranceSeconds = 300,
  now: number = Math.floor(Date.now() / 1000),
): SignatureVerdict {
  if (!header) return { ok: false, reason: "missing signature" };
  let t: number | null = null;
  const candidates: string[] = [];
  for (const part of header.split(",")) {
    const [key, value] = part.trim().split("=", 2);
    if (key === "t" && value && /^\d{1,12}$/.test(value)) t = Number(value);
    else if (key === "v1" && value) candidates.push(value);
  }
  if (t === null || candidates.length === 0) return { ok: false, reason: "malformed signature" };
  if (Math.abs(now - t) > toleranceSeconds) return { ok: false, reason: "timestamp outside the tolerance" };
  const expected = Buffer.from(createHmac("sha256", secret).update(`${t}.${body}`).digest("hex"), "utf8");
  const match = candidates.some((c) => {
    const given = Buffer.from(c, "utf8");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
  return match ? { ok: true } : { ok: false, reason: "signature mismatch" };
}
