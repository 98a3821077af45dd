import IORedis from "ioredis";
import { env } from "../env";

/** BullMQ needs maxRetriesPerRequest: null on worker connections so blocking commands survive reconnects. */
export function createQueueConnection(): IORedis {
  return new IORedis(env.REDIS_URL, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/**
 * Producers fail fast: while Redis is away a command errors after one reconnect attempt instead of
 * waiting forever, so the scheduler keeps its slots and retries them (workers need the blocking kind).
 */
export function createProducerConnection(): IORedis {
  return new IORedis(env.REDIS_URL, { maxRetriesPerRequest: 1, enableReadyCheck: true });
}

/** Every queue lives under this prefix; tests use their own so runs never share jobs. */
export function queuePrefix(): string {
  return `${env.REDIS_PREFIX}:bull`;
}

/**
 * Hash-tagged so all of a queue's keys land in one Redis Cluster slot. Browser checks have a queue of
 * their own per region, consumed only by workers started with a browser (WORKER_BROWSER=true), so an
 * ordinary worker never takes a job it cannot run and a slow page never holds up HTTP checks.
 */
export function checkQueueName(region: string, lane: CheckLane = "default"): string {
  return lane === "browser" ? `{checks-browser-${region}}` : `{checks-${region}}`;
}

export const CHECK_LANES = ["default", "browser"] as const;
export type CheckLane = (typeof CHECK_LANES)[number];
