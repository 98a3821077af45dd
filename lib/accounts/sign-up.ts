import type { Redis } from "@upstash/redis";
import type { Db } from "../db/client";
import type { User } from "../db/schema";
import { env } from "../env";
import { parseOrThrow, ValidationError } from "../errors";
import { redeemInvite } from "../invites/redeem-invite";
import { key } from "../redis/client";
import { bucketId, enforceRateLimits, type RateLimit } from "../redis/rate-limit";
import { createUser } from "./create-user";
import { SignUpInput } from "./schemas";

export const INVITE_REQUIRED = "Vigil is in private beta: you need an invite link to sign up. Request access on the home page.";

/**
 * Sign-up as SIGNUP_MODE says: in "invite" mode only through a valid invite for the same email; in
 * "open" mode anyone, and an invite link given anyway is still used up.
 */
export async function signUp(
  db: Db,
  input: { token?: string | null; email: string; password: string; name?: string | null },
  mode: "invite" | "open" = env.SIGNUP_MODE,
): Promise<{ user: User; workspaceId: string }> {
  if (input.token) return redeemInvite(db, { ...input, token: input.token });
  if (mode === "invite") throw new ValidationError(INVITE_REQUIRED, { token: INVITE_REQUIRED });
  const data = parseOrThrow(SignUpInput, { email: input.email, password: input.password, name: input.name ?? undefined });
  return createUser(db, data);
}

// Each attempt hashes a password (argon2id): bound how much of that one address can ask for.
export const SIGN_UP_PER_IP: RateLimit = { limit: 30, windowSeconds: 600 };

/**
 * The sign-up form's verb: input checked (sizes and shape) before anything touches Redis, then the
 * per-address limit, then signUp. An oversized field is a ValidationError and leaves no trace.
 */
export async function signUpFromForm(
  db: Db,
  kv: Redis,
  input: { token?: string | null; email: string; password: string; name?: string | null; ip: string },
  mode: "invite" | "open" = env.SIGNUP_MODE,
  limit = SIGN_UP_PER_IP,
): Promise<{ user: User; workspaceId: string }> {
  parseOrThrow(SignUpInput, { email: input.email, password: input.password, name: input.name ?? undefined });
  if (input.token && input.token.length > 100) throw new ValidationError(INVITE_REQUIRED, { token: INVITE_REQUIRED });
  await enforceRateLimits(kv, [{ key: key("rl", "signup", "ip", bucketId(input.ip || "unknown")), rule: limit }]);
  return signUp(db, input, mode);
}
