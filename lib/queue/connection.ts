import IORedis from "ioredis";
import { env } from "../env";

/** BullMQ needs maxRetriesPerRequest: null on worker connections so blocking commands survive reconnects. */
export function createQueueConnection(): IORedis {
  return new IORedis(env.REDIS_URL, { maxRetriesPerRequest: null, enableReadyCheck: true });
}

/** Every queue lives under this prefix; tests use their own so runs never share jobs. */
export function queuePrefix(): string {
  return `${env.REDIS_PREFIX}:bull`;
}

/** Hash-tagged so all of a queue's keys land in one Redis Cluster slot. */
export function checkQueueName(region: string): string {
  return `{checks-${region}}`;
}
