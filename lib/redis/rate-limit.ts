import { createHash } from "node:crypto";
import type { Redis } from "@upstash/redis";
import { RateLimitedError } from "../errors";

export type RateLimit = { limit: number; windowSeconds: number };
export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number };
export type RateLimitBucket = { key: string; rule: RateLimit };

/**
 * One Lua script per call, so a check and its counting are atomic and a key is never left without an
 * expiry: it is created by SET … EX … NX and only then INCR'd (INCR keeps the TTL), inside the script.
 * If any bucket is already at its limit nothing is counted (a refused attempt does not push the window
 * further, nor fill the other buckets). Hand-written because @upstash/ratelimit's scripts carry an
 * Upstash-only shebang that Redis 7 rejects; a fixed window is enough for login and waitlist abuse.
 * KEYS: the buckets; ARGV: limit, window per bucket. Returns {allowed, retryAfter, remaining}.
 */
const HIT = `
local retry = -1
for i, k in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i - 1])
  local window = tonumber(ARGV[2 * i])
  local n = tonumber(redis.call('GET', k) or '0')
  if n >= limit then
    local ttl = redis.call('TTL', k)
    if ttl < 0 then
      redis.call('EXPIRE', k, window)
      ttl = window
    end
    if ttl > retry then retry = ttl end
  end
end
if retry >= 0 then return {0, retry, 0} end
local remaining = -1
for i, k in ipairs(KEYS) do
  local limit = tonumber(ARGV[2 * i - 1])
  redis.call('SET', k, 0, 'EX', ARGV[2 * i], 'NX')
  local left = limit - redis.call('INCR', k)
  if remaining < 0 or left < remaining then remaining = left end
end
return {1, 0, remaining}
`;

/** Gives back one counted attempt per key (never below zero, the expiry untouched). */
const REFUND = `
for _, k in ipairs(KEYS) do
  if tonumber(redis.call('GET', k) or '0') > 0 then redis.call('DECR', k) end
end
return 0
`;

/**
 * A fixed-size stand-in for user-supplied text (an email, a client address) inside a bucket key, so
 * whatever a client sends, a key stays short.
 */
export function bucketId(...parts: string[]): string {
  return createHash("sha256").update(parts.join("\n")).digest("base64url").slice(0, 24);
}

/** Counts one attempt against every bucket, or none of them when one is already spent. */
export async function hitRateLimits(kv: Redis, buckets: RateLimitBucket[]): Promise<RateLimitResult> {
  if (!buckets.length) return { allowed: true, remaining: Infinity, retryAfterSeconds: 0 };
  const args = buckets.flatMap((b) => [String(b.rule.limit), String(Math.max(1, Math.ceil(b.rule.windowSeconds)))]);
  const [allowed, retry, remaining] = (await kv.eval(
    HIT,
    buckets.map((b) => b.key),
    args,
  )) as [number, number, number];
  return { allowed: Number(allowed) === 1, remaining: Math.max(0, Number(remaining)), retryAfterSeconds: Math.max(1, Number(retry)) };
}

export function hitRateLimit(kv: Redis, bucketKey: string, rule: RateLimit): Promise<RateLimitResult> {
  return hitRateLimits(kv, [{ key: bucketKey, rule }]);
}

/** Checks several buckets (per IP, per email …) and throws RateLimitedError when any is exhausted. */
export async function enforceRateLimits(kv: Redis, buckets: RateLimitBucket[]): Promise<void> {
  const result = await hitRateLimits(kv, buckets);
  if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds);
}

/** Un-counts an attempt that turned out fine, so the buckets count failures rather than attempts. */
export async function refundRateLimits(kv: Redis, keys: string[]): Promise<void> {
  if (keys.length) await kv.eval(REFUND, keys, []);
}

/** The current count of a bucket (0 when absent or expired). */
export async function peekRateLimit(kv: Redis, bucketKey: string): Promise<number> {
  return Number((await kv.get<number | string>(bucketKey)) ?? 0);
}
