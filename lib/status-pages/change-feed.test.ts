import IORedis from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "../db/client";
import { env } from "../env";
import { closeRedis } from "../redis/client";
import { invalidatePublicStatusPage } from "./cache";
import { followStatusPageChanges } from "./change-feed";

const subscriber = new IORedis(env.REDIS_URL);
afterAll(async () => {
  subscriber.disconnect();
  await closeRedis();
  await closeDb();
});

describe("status page change feed", () => {
  it("announces every invalidation to the other web instances", async () => {
    const heard: string[] = [];
    await followStatusPageChanges(subscriber, (slug) => heard.push(slug));
    await invalidatePublicStatusPage("acme-status");
    await invalidatePublicStatusPage("other-page");
    await expect.poll(() => heard).toEqual(["acme-status", "other-page"]);
  });
});
