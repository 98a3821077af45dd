import type { Redis } from "@upstash/redis";
import { hitRateLimit } from "../redis/rate-limit";

export type ApiKeyRateLimit = { allowed: boolean; limit: number; remaining: number; resetSeconds: number };

/**
 * Counts one request against an API key's fixed one-minute window: the limiter's one script call (one
 * Redis round trip) per request, shared by every web instance; a refused request is not counted. `bucketKey` is namespaced by the caller (key("rl", "api", id)).
 */
export async function hitApiKeyRateLimit(kv: Redis, bucketKey: string, limitPerMinute: number): Promise<ApiKeyRateLimit> {
  const r = await hitRateLimit(kv, bucketKey, { limit: limitPerMinute, windowSeconds: 60 });
  return { allowed: r.allowed, limit: limitPerMinute, remaining: r.remaining, resetSeconds: r.retryAfterSeconds };
}

/** The headers every response to an API key carries (IETF RateLimit fields; Reset in seconds from now). */
export function rateLimitHeaders(r: ApiKeyRateLimit): Record<string, string> {
  const headers: Record<string, string> = {
    "RateLimit-Limit": String(r.limit),
    "RateLimit-Remaining": String(r.remaining),
    "RateLimit-Reset": String(r.resetSeconds),
  };
  if (!r.allowed) headers["Retry-After"] = String(r.resetSeconds);
  return headers;
}
