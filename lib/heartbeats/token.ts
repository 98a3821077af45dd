import { randomBytes } from "node:crypto";

/** 24 url-safe characters (144 bits): unguessable, and short enough for a crontab line. */
export function generatePingToken(): string {
  return randomBytes(18).toString("base64url");
}

// Lenient on length so any url-safe token of reasonable size works; strict on charset so junk is cheap to reject.
const TOKEN_RE = /^[A-Za-z0-9_-]{16,64}$/;

export function isWellFormedPingToken(token: string): boolean {
  return TOKEN_RE.test(token);
}
