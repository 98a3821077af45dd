import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { env } from "../env";

/**
 * Signed single-purpose acknowledge links for alert emails: `<incidentId>.<expiry>.<mac>` where mac is
 * HMAC-SHA256(AUTH_SECRET, "ack:<incidentId>:<expiry>"). The "ack:" prefix keeps this MAC from ever
 * being valid for another purpose signed with the same secret. A link only acknowledges (idempotent),
 * so it need not be single-use; it expires after 7 days.
 */
export const ACK_LINK_TTL_MS = 7 * 24 * 3600_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Without AUTH_SECRET (only outside production: lib/env.ts refuses to start without it) links are signed
// with the development secret on a laptop, or a per-process random key (tests sign and verify in one process).
const fallback = process.env.NODE_ENV === "development" ? "vigil-development-secret-not-for-production" : randomBytes(32).toString("base64url");

function secret(): string {
  return env.AUTH_SECRET ?? fallback;
}

const mac = (incidentId: string, expiry: number, key: string) => createHmac("sha256", key).update(`ack:${incidentId}:${expiry}`).digest("base64url");

export function signAckToken(incidentId: string, now = Date.now(), key = secret()): string {
  const expiry = Math.floor((now + ACK_LINK_TTL_MS) / 1000);
  return `${incidentId}.${expiry}.${mac(incidentId, expiry, key)}`;
}

export function ackUrl(appUrl: string, incidentId: string, now = Date.now()): string {
  return `${appUrl.replace(/\/$/, "")}/ack/${signAckToken(incidentId, now)}`;
}

export type AckTokenVerdict = { ok: true; incidentId: string; expiresAt: Date } | { ok: false; reason: "malformed" | "invalid" | "expired" };

export function verifyAckToken(token: string, now = Date.now(), key = secret()): AckTokenVerdict {
  const parts = token.split(".");
  if (parts.length !== 3 || !UUID.test(parts[0]) || !/^\d{1,12}$/.test(parts[1])) return { ok: false, reason: "malformed" };
  const [incidentId, exp, given] = parts;
  const expected = Buffer.from(mac(incidentId, Number(exp), key));
  const got = Buffer.from(given);
  if (got.length !== expected.length || !timingSafeEqual(got, expected)) return { ok: false, reason: "invalid" };
  if (Number(exp) * 1000 < now) return { ok: false, reason: "expired" };
  return { ok: true, incidentId: incidentId.toLowerCase(), expiresAt: new Date(Number(exp) * 1000) };
}
