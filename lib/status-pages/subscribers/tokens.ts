import { createHash, createHmac, randomBytes } from "node:crypto";
import { env } from "../../env";

// Without AUTH_SECRET (never in production: lib/env.ts requires it; `npm run up` generates one) a fixed
// development key, so the web process that stores the hash and the worker that mails the link agree.
const secret = () => env.AUTH_SECRET ?? "vigil-development-secret-not-for-production";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("base64url");

/** A single-use confirmation token; only its hash is kept on the subscriber. */
export const newConfirmToken = () => randomBytes(24).toString("base64url");

/**
 * The unsubscribe token of a subscriber: HMAC-SHA256(AUTH_SECRET, "unsubscribe:<id>"), so every email can
 * carry it without it being stored; the subscriber row keeps its hash, which finds the row from the link.
 * The "unsubscribe:" prefix keeps this MAC from being valid for any other purpose.
 */
export const unsubscribeToken = (subscriberId: string) => createHmac("sha256", secret()).update(`unsubscribe:${subscriberId}`).digest("base64url");

const base = (slug: string) => `${env.APP_URL.replace(/\/+$/, "")}/status/${slug}`;
export const confirmUrl = (slug: string, token: string) => `${base(slug)}/subscribe/confirm?token=${encodeURIComponent(token)}`;
export const unsubscribeUrl = (slug: string, subscriberId: string) => `${base(slug)}/unsubscribe?token=${encodeURIComponent(unsubscribeToken(subscriberId))}`;
export const pageUrl = base;
