import { createHash, randomBytes } from "node:crypto";
import type { Invite } from "../db/schema";

/** Invites are valid for this long after they are created. */
export const INVITE_TTL_MS = 7 * 24 * 3600 * 1000;

export type InviteStatus = "pending" | "used" | "expired" | "revoked";

/** 32 random bytes, base64url: the secret in the sign-up link. Only its sha256 is stored. */
export function newInviteToken(): string {
  return randomBytes(32).toString("base64url");
}

export function hashInviteToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A token as it can appear in a link: anything else is rejected before touching the database. */
export function isWellFormedToken(token: unknown): token is string {
  return typeof token === "string" && /^[A-Za-z0-9_-]{43}$/.test(token);
}

export function inviteStatus(invite: Pick<Invite, "usedAt" | "revokedAt" | "expiresAt">, now = new Date()): InviteStatus {
  if (invite.usedAt) return "used";
  if (invite.revokedAt) return "revoked";
  if (invite.expiresAt.getTime() <= now.getTime()) return "expired";
  return "pending";
}

/** What a visitor with this link is told when it cannot be used. */
export const INVITE_MESSAGES: Record<Exclude<InviteStatus, "pending">, string> & { unknown: string; wrongEmail: string } = {
  unknown: "This invite link is not valid. Check that you copied the whole link, or ask for a new invite.",
  used: "This invite has already been used. Sign in instead, or ask for a new invite.",
  expired: "This invite has expired. Invites are valid for 7 days; ask for a new one.",
  revoked: "This invite has been withdrawn. Ask for a new invite if you still need access.",
  wrongEmail: "This invite was sent to a different email address.",
};
