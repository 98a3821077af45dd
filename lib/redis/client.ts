import { Redis } from "@upstash/redis";
import IORedis from "ioredis";
import { env } from "../env";
import { ioredisRequester } from "./ioredis-requester";

export type KeyValue = Redis;

const g = globalThis as unknown as { __vigilKv?: Redis; __vigilIoredis?: IORedis };

/** A plain ioredis connection for the process (BullMQ makes its own). */
export function ioredis(): IORedis {
  g.__vigilIoredis ??= new IORedis(env.REDIS_URL, { maxRetriesPerRequest: 2, enableOfflineQueue: true, lazyConnect: false });
  return g.__vigilIoredis;
}

export function createKeyValue(opts: { restUrl?: string; restToken?: string; redis?: IORedis }): Redis {
  if (opts.restUrl) {
    // Without a token every call would fail with a warning per request; say so once, at start.
    if (!opts.restToken) throw new Error("UPSTASH_REDIS_REST_TOKEN must be set when UPSTASH_REDIS_REST_URL is");
    return new Redis({ url: opts.restUrl, token: opts.restToken, enableTelemetry: false, retry: { retries: 2 } });
  }
  return new Redis(ioredisRequester(opts.redis ?? ioredis()));
}

/**
 * The app's cache / rate-limit client: Upstash's REST API when UPSTASH_REDIS_REST_URL is set,
 * otherwise the same Redis that BullMQ uses.
 */
export function kv(): Redis {
  g.__vigilKv ??= createKeyValue({ restUrl: env.UPSTASH_REDIS_REST_URL, restToken: env.UPSTASH_REDIS_REST_TOKEN });
  return g.__vigilKv;
}

/** Namespaced key, so that test runs and side-by-side installs share a Redis safely. */
export function key(...parts: (string | number)[]): string {
  return [env.REDIS_PREFIX, ...parts].join(":");
}

export async function closeRedis(): Promise<void> {
  const c = g.__vigilIoredis;
  g.__vigilIoredis = undefined;
  g.__vigilKv = undefined;
  if (c) await c.quit().catch(() => c.disconnect());
}
