import type IORedis from "ioredis";
import { key, kv } from "../redis/client";

/**
 * Tells every web instance that a status page changed, so each drops its own in-memory copies (response
 * cache, DTO memo) at once instead of at the end of their fresh windows. Best effort: a lost message only
 * means that instance catches up a few seconds later, as it would anyway.
 */
export const statusPageChannel = () => key("status-pages", "changed");

export async function announceStatusPageChange(slug: string): Promise<void> {
  await kv()
    .publish(statusPageChannel(), slug)
    .catch(() => undefined);
}

/** Subscribes `redis` (a connection of its own: it can do nothing else once subscribed) to those changes. */
export async function followStatusPageChanges(redis: IORedis, onChange: (slug: string) => void): Promise<void> {
  redis.on("message", (channel, slug) => {
    if (channel === statusPageChannel()) onChange(slug);
  });
  await redis.subscribe(statusPageChannel());
}
