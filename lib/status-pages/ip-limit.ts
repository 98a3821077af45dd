import { env } from "../env";

/**
 * Per-IP limit for the public status endpoints, kept in process memory: no network round trip on
 * the hot path, so the limiter costs less than the request it guards. Per instance by design: it
 * only has to stop one client from hogging an instance. PUBLIC_RATE_LIMIT_PER_MINUTE=0 turns it off.
 */
type Bucket = { tokens: number; at: number };
const g = globalThis as unknown as { __vigilIpBuckets?: Map<string, Bucket> };
const buckets = (g.__vigilIpBuckets ??= new Map());

/** Token bucket; returns seconds to wait, or 0 when the request may proceed. */
export function takePublicToken(ip: string, perMinute = env.PUBLIC_RATE_LIMIT_PER_MINUTE, now = Date.now()): number {
  if (perMinute <= 0) return 0;
  if (buckets.size > 50_000) buckets.clear();
  const b = buckets.get(ip) ?? { tokens: perMinute, at: now };
  b.tokens = Math.min(perMinute, b.tokens + ((now - b.at) / 60_000) * perMinute);
  b.at = now;
  buckets.set(ip, b);
  if (b.tokens >= 1) {
    b.tokens -= 1;
    return 0;
  }
  return Math.max(1, Math.ceil(((1 - b.tokens) / perMinute) * 60));
}
