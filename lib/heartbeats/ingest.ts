import type { Redis } from "@upstash/redis";
import type { Db } from "../db/client";
import { env } from "../env";
import { key } from "../redis/client";
import { decodeCached, fillTokenFromDb, negativeKey, tokenKey, warmKey } from "./cache";
import { pingStreamKey } from "./stream";
import { isWellFormedPingToken } from "./token";

export const MAX_PING_BODY_BYTES = 10 * 1024;
export const ALLOWED_METHODS = "GET, POST, HEAD";
const REDIS_TIMEOUT_MS = 2000;
const WINDOW_SECONDS = 60;

/**
 * One round trip does everything: per-IP limit, token lookup (positive, negative, "cache is complete"),
 * per-token limit and the XADD that makes the ping durable. Returns {200, id} | {404} | {429, ttl} | {0} (cold miss).
 * KEYS: ipBucket, token, negative, warm, tokenBucket, stream. ARGV: ipLimit, tokenLimit, window, pingJson.
 */
const INGEST_LUA = `
local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[3]) end
if n > tonumber(ARGV[1]) then return {429, redis.call('TTL', KEYS[1])} end
local v = redis.call('GET', KEYS[2])
if not v then
  if redis.call('EXISTS', KEYS[3]) == 1 or redis.call('EXISTS', KEYS[4]) == 1 then return {404} end
  return {0}
end
local t = redis.call('INCR', KEYS[5])
if t == 1 then redis.call('EXPIRE', KEYS[5], ARGV[3]) end
if t > tonumber(ARGV[2]) then return {429, redis.call('TTL', KEYS[5])} end
local id = redis.call('XADD', KEYS[6], '*', 'c', v, 'p', ARGV[4])
return {200, id}
`;

export type IngestDeps = {
  kv: Redis;
  /** Only used when the token cache is cold (never warmed) and the token is not cached yet. */
  db?: () => Db;
  limits?: { perIp: number; perToken: number };
  /** Counts DB lookups made by the ingest path (the benchmark asserts it stays 0 on a warm cache). */
  onDbQuery?: () => void;
};

export type IngestInput = {
  method: string;
  token: string;
  /** The segment after the token: undefined, "start", "fail" or an exit code. */
  suffix?: string;
  sourceIp: string | null;
  userAgent: string | null;
  body: string | null;
  bodyTruncated: boolean;
};

export type IngestResult = { status: number; body: string; headers?: Record<string, string> };

const r = (status: number, body: string, headers?: Record<string, string>): IngestResult => ({ status, body, headers });

export function parseSuffix(suffix: string | undefined): { kind: "success" | "start" | "fail"; exitCode: number | null } | null {
  if (suffix === undefined || suffix === "") return { kind: "success", exitCode: null };
  if (suffix === "start") return { kind: "start", exitCode: null };
  if (suffix === "fail") return { kind: "fail", exitCode: null };
  if (!/^\d{1,3}$/.test(suffix)) return null;
  const code = Number(suffix);
  if (code > 255) return null;
  return { kind: code === 0 ? "success" : "fail", exitCode: code };
}

const g = globalThis as unknown as { __vigilIngestScript?: Map<Redis, ReturnType<Redis["createScript"]>> };

function script(kv: Redis) {
  g.__vigilIngestScript ??= new Map();
  let s = g.__vigilIngestScript.get(kv);
  if (!s) g.__vigilIngestScript.set(kv, (s = kv.createScript(INGEST_LUA)));
  return s;
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error("redis timeout")), ms);
    p.then(
      (v) => (clearTimeout(t), resolve(v)),
      (e) => (clearTimeout(t), reject(e)),
    );
  });
}

/**
 * Accepts one heartbeat ping. 200 only after XADD returned (the ping is in Redis, which runs with
 * appendonly); any Redis failure is a 503 so the client retries; never a 200 that wasn't stored.
 */
export async function ingestPing(deps: IngestDeps, input: IngestInput): Promise<IngestResult> {
  if (!["GET", "POST", "HEAD"].includes(input.method)) return r(405, "method not allowed\n", { allow: ALLOWED_METHODS });
  if (!isWellFormedPingToken(input.token)) return r(404, "not found\n");
  const parsed = parseSuffix(input.suffix);
  if (!parsed) return r(400, "exit code must be an integer from 0 to 255, or start / fail\n");
  const limits = deps.limits ?? { perIp: env.PING_RATE_LIMIT_PER_IP, perToken: env.PING_RATE_LIMIT_PER_TOKEN };
  const window = Math.floor(Date.now() / 1000 / WINDOW_SECONDS);
  const ping = JSON.stringify({
    kind: parsed.kind,
    exitCode: parsed.exitCode,
    receivedAt: Date.now(),
    sourceIp: input.sourceIp,
    userAgent: input.userAgent ? input.userAgent.slice(0, 512) : null,
    body: input.body,
    bodyTruncated: input.bodyTruncated,
  });
  const keys = [
    key("hb", "rl", "ip", input.sourceIp ?? "-", window),
    tokenKey(input.token),
    negativeKey(input.token),
    warmKey(),
    key("hb", "rl", "tok", input.token, window),
    pingStreamKey(),
  ];
  const args = [String(limits.perIp), String(limits.perToken), String(WINDOW_SECONDS * 2), ping];
  try {
    for (let attempt = 0; attempt < 2; attempt++) {
      const reply = (await withTimeout(script(deps.kv).exec(keys, args), REDIS_TIMEOUT_MS)) as unknown[];
      const code = Number(reply[0]);
      if (code === 200) return r(200, "OK\n");
      if (code === 404) return r(404, "not found\n");
      if (code === 429) return r(429, "too many pings\n", { "retry-after": String(Math.max(1, Number(reply[1]) || 1)) });
      // Cold cache: one DB read, cached (positively or negatively), then the script runs again.
      if (!deps.db || attempt > 0) return r(503, "ping cache unavailable, retry\n", { "retry-after": "1" });
      deps.onDbQuery?.();
      const found = await fillTokenFromDb(deps.db(), deps.kv, input.token);
      if (!found) return r(404, "not found\n");
    }
  } catch {
    return r(503, "temporarily unavailable, retry\n", { "retry-after": "1" });
  }
  return r(503, "temporarily unavailable, retry\n", { "retry-after": "1" });
}

export { decodeCached };
