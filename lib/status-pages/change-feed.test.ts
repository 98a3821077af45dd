import IORedis from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "../db/client";
import { env } from "../env";
import { closeRedis } from "../redis/client";
import { invalidatePublicStatusPage } from "./cache";
import { announceMonitorStatusChange, followStatusPageChanges } from "./change-feed";

const subscriber = new IORedis(env.REDIS_URL);
afterAll(async () => {
  subscriber.disconnect();
  await closeRedis();
  await closeDb();
});

describe("status page change feed", () => {
  it("announces every invalidation and every monitor status change to the other web instances", async () => {
    // Other test files of this run share the channel: listen for this test's own names only.
    const tag = Math.random().toString(36).slice(2, 8);
    const pages: string[] = [];
    const monitors: string[] = [];
    await followStatusPageChanges(
      subscriber,
      (slug) => slug.endsWith(tag) && pages.push(slug),
      (id) => id.endsWith(tag) && monitors.push(id),
    );
    await invalidatePublicStatusPage(`acme-status-${tag}`);
    await invalidatePublicStatusPage(`other-page-${tag}`);
    await announceMonitorStatusChange([`m1-${tag}`, `m2-${tag}`, `m1-${tag}`]);
    await announceMonitorStatusChange([]);
    // Pub/sub delivery is quick, but the full suite loads both cores: allow it a few seconds.
    await expect.poll(() => pages, { timeout: 5_000 }).toEqual([`acme-status-${tag}`, `other-page-${tag}`]);
    await expect.poll(() => monitors, { timeout: 5_000 }).toEqual([`m1-${tag}`, `m2-${tag}`]);
  });
});
