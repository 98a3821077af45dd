import type { Redis } from "@upstash/redis";
import { RateLimitedError } from "../errors";

export type RateLimit = { limit: number; windowSeconds: number };
export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };

/**
 * Fixed-window counter over the Upstash client interface: one MULTI (INCR + EXPIRE NX) per call.
 * Hand-written because @upstash/ratelimit's scripts carry an Upstash-only shebang that Redis 7 rejects;
 * a fixed window is enough for login and waitlist abuse, where the limit only has to bound attempts.
 */
export async function hitRateLimit(kv: Redis, bucketKey: string, rule: RateLimit): Promise<RateLimitResult> {
  const tx = kv.multi();
  tx.incr(bucketKey);
  tx.expire(bucketKey, rule.windowSeconds, "NX");
  tx.ttl(bucketKey);
  const [count, , ttl] = (await tx.exec()) as [number, number, number];
  const remaining = Math.max(0, rule.limit - Number(count));
  const retryAfterSeconds = Math.max(1, Number(ttl) > 0 ? Number(ttl) : rule.windowSeconds);
  return { allowed: Number(count) <= rule.limit, remaining, retryAfterSeconds };
}

/** Checks several buckets (per IP, per email …) and throws RateLimitedError when any is exhausted. */
export async function enforceRateLimits(kv: Redis, buckets: { key: string; rule: RateLimit }[]): Promise<void> {
  const results = await Promise.all(buckets.map((b) => hitRateLimit(kv, b.key, b.rule)));
  const denied = results.filter((r) => !r.allowed);
  if (denied.length) throw new RateLimitedError(Math.max(...denied.map((r) => r.retryAfterSeconds)));
}
