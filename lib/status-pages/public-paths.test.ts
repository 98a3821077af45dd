import { describe, expect, it } from "vitest";
import { publicStatusCacheKey } from "./public-paths";

describe("publicStatusCacheKey", () => {
  it.each([
    ["/status/acme", "/status/acme"],
    ["/status/acme-cloud/feed.json", "/status/acme-cloud/feed.json"],
    ["/status/acme-cloud/feed.rss", "/status/acme-cloud/feed.rss"],
    ["/status/acme-cloud/feed.atom", "/status/acme-cloud/feed.atom"],
    ["/status/acme-cloud/feed.xml", null],
    ["/status/acme/badge/0b9c7c1e-8d1f-4a7e-9a55-3f5f0c6b1a2d", "/status/acme/badge/0b9c7c1e-8d1f-4a7e-9a55-3f5f0c6b1a2d"],
    ["/status/acme/badge/0b9c7c1e-8d1f-4a7e-9a55-3f5f0c6b1a2d.svg", "/status/acme/badge/0b9c7c1e-8d1f-4a7e-9a55-3f5f0c6b1a2d.svg"],
    // Anything else goes to the app: queries (RSC payloads use ?_rsc=), other paths, odd slugs.
    ["/status/acme?_rsc=1x2y", null],
    ["/status/acme/", null],
    ["/status/Acme", null],
    ["/status/acme--x", null],
    ["/status/acme/other", null],
    ["/status/../monitors", null],
    ["/monitors", null],
  ])("GET %s → %s", (url, expected) => expect(publicStatusCacheKey("GET", url, {})).toBe(expected));

  it("serves HEAD from the cache but sends every other method to the app", () => {
    expect(publicStatusCacheKey("HEAD", "/status/acme", {})).toBe("/status/acme");
    expect(publicStatusCacheKey("POST", "/status/acme", {})).toBeNull();
  });

  it("leaves client-router, server-action and authenticated requests to the app", () => {
    for (const h of ["rsc", "next-router-prefetch", "next-router-state-tree", "next-action", "authorization"]) {
      expect(publicStatusCacheKey("GET", "/status/acme", { [h]: "1" }), h).toBeNull();
    }
  });
});
