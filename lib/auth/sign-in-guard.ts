import type { Redis } from "@upstash/redis";
import { key } from "../redis/client";
import { bucketId, enforceRateLimits, hitRateLimit, peekRateLimit, refundRateLimits, type RateLimit } from "../redis/rate-limit";

/**
 * Failed sign-ins are counted per client address and per (client address, account), so a stranger
 * guessing someone's password locks out only themselves: the owner, from their own address, still
 * signs in. Across all addresses an account's failures only slow sign-in down (a short wait before the
 * password is checked), they never refuse it. Successful attempts are given back: the buckets count
 * failures, and a busy office behind one NAT is not throttled for signing in.
 */
export const SIGN_IN_LIMITS: { perIp: RateLimit; perClientAccount: RateLimit; accountSlowdown: { threshold: number; windowSeconds: number; delayMs: number } } =
  {
    // Per address is looser than per (address, account): an office or a CI runner behind one NAT signs in many people.
    perIp: { limit: 50, windowSeconds: 300 },
    perClientAccount: { limit: 10, windowSeconds: 300 },
    accountSlowdown: { threshold: 20, windowSeconds: 300, delayMs: 1000 },
  };

export function signInBucketKeys(clientIp: string, email: string) {
  return {
    ip: key("rl", "signin", "ip", bucketId(clientIp)),
    clientAccount: key("rl", "signin", "ip-account", bucketId(clientIp, email)),
    account: key("rl", "signin", "account", bucketId(email)),
  };
}

/**
 * Runs `check` (the password comparison) under the sign-in limits: RateLimitedError when this client
 * has failed too often, for this account or any. The attempt is counted before the check (so a burst
 * of parallel guesses is bounded too) and given back when it succeeds.
 */
export async function withSignInLimits<T>(
  kv: Redis,
  who: { clientIp: string; email: string },
  check: () => Promise<T | null>,
  limits = SIGN_IN_LIMITS,
): Promise<T | null> {
  const keys = signInBucketKeys(who.clientIp, who.email);
  await enforceRateLimits(kv, [
    { key: keys.ip, rule: limits.perIp },
    { key: keys.clientAccount, rule: limits.perClientAccount },
  ]);
  if ((await peekRateLimit(kv, keys.account)) >= limits.accountSlowdown.threshold) {
    await new Promise((r) => setTimeout(r, limits.accountSlowdown.delayMs));
  }
  const result = await check();
  if (result) {
    await refundRateLimits(kv, [keys.ip, keys.clientAccount]);
  } else {
    // Counted only, never refused on: the limit is out of reach on purpose.
    await hitRateLimit(kv, keys.account, { limit: Number.MAX_SAFE_INTEGER, windowSeconds: limits.accountSlowdown.windowSeconds });
  }
  return result;
}
