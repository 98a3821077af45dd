import type IORedis from "ioredis";
import { key, kv } from "../redis/client";

/**
 * Tells every web instance that a status page changed, so each drops its own in-memory copies (response
 * cache, DTO memo) at once instead of at the end of their fresh windows. Two kinds of message on one channel:
 *  - `<slug>`: the page was edited (the app or API);
 *  - `monitors:<id>,<id>…`: monitors changed status (incidents opened or resolved, a first result, pause and
 *    resume, maintenance starting or ending). The sender doesn't know which pages list them; each web
 *    instance does, from the pages it built.
 * Best effort: a lost message only means that instance shows the change when its copies reach the
 * freshness bound (STATUS_CACHE_MAX_AGE_SECONDS + STATUS_DATA_FRESH_SECONDS), as it would without the feed.
 */
export const statusPageChannel = () => key("status-pages", "changed");
const MONITORS = "monitors:";

export async function announceStatusPageChange(slug: string): Promise<void> {
  await kv()
    .publish(statusPageChannel(), slug)
    .catch(() => undefined);
}

/**
 * Announces monitors whose status changed. Call it after the transaction that changed them has committed:
 * a web instance that rebuilds on the message must read the new state.
 */
export async function announceMonitorStatusChange(monitorIds: Iterable<string>): Promise<void> {
  const ids = [...new Set(monitorIds)];
  if (ids.length === 0) return;
  await kv()
    .publish(statusPageChannel(), MONITORS + ids.join(","))
    .catch(() => undefined);
}

/** Subscribes `redis` (a connection of its own: it can do nothing else once subscribed) to those changes. */
export async function followStatusPageChanges(
  redis: IORedis,
  onChange: (slug: string) => void,
  onMonitorStatus: (monitorId: string) => void = () => {},
): Promise<void> {
  redis.on("message", (channel, message: string) => {
    if (channel !== statusPageChannel()) return;
    if (message.startsWith(MONITORS)) for (const id of message.slice(MONITORS.length).split(",")) onMonitorStatus(id);
    else onChange(message);
  });
  await redis.subscribe(statusPageChannel());
}
