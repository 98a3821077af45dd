import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db/client";
import { incidents, statusPages } from "@/lib/db/schema";
import { closeRedis } from "@/lib/redis/client";
import { insertMonitor } from "@/lib/rollups/seed";
import { createTestUser, userCtx } from "@/tests/factories";
import { loadPublicStatusPage } from "./public";
import { createStatusPage } from "./save-status-page";

const DAY = 86_400_000;
let ws: string;
beforeAll(async () => {
  ws = (await createTestUser()).workspaceId;
});
afterAll(async () => {
  await closeDb();
  await closeRedis();
});

describe("per-service day history in the public DTO", () => {
  it("gives a day with downtime its incidents, and quiet days none", async () => {
    const now = new Date();
    const dayStart = Math.floor(now.getTime() / DAY) * DAY - DAY; // yesterday, UTC
    const m = await insertMonitor(db, { workspaceId: ws, name: "api-internal", status: "up", createdAt: new Date(now.getTime() - 10 * DAY) });
    await db.insert(incidents).values([
      {
        workspaceId: ws,
        monitorId: m.id,
        status: "resolved",
        cause: "secret cause",
        errorClass: "timeout",
        startedAt: new Date(dayStart + 3_600_000),
        resolvedAt: new Date(dayStart + 3_600_000 + 600_000),
      },
      {
        workspaceId: ws,
        monitorId: m.id,
        status: "resolved",
        cause: "secret cause",
        errorClass: "status",
        statusCode: 502,
        startedAt: new Date(dayStart + 7_200_000),
        resolvedAt: new Date(dayStart + 7_200_000 + 60_000),
      },
    ]);
    const slug = `hist-${Math.random().toString(36).slice(2, 8)}`;
    await createStatusPage(userCtx(db, ws), { slug, title: "Hist", monitors: [{ monitorId: m.id, displayName: "API" }] });

    const dto = (await loadPublicStatusPage(db, slug, now))!;
    const bars = dto.groups[0].monitors[0].bars;
    const yesterday = bars.find((b) => b.day === dayStart)!;
    expect(yesterday.downtimeMs).toBe(660_000);
    expect(yesterday.incidents).toEqual([
      {
        startedAt: new Date(dayStart + 3_600_000).toISOString(),
        resolvedAt: new Date(dayStart + 4_200_000).toISOString(),
        summary: "Not responding (timeouts)",
      },
      {
        startedAt: new Date(dayStart + 7_200_000).toISOString(),
        resolvedAt: new Date(dayStart + 7_260_000).toISOString(),
        summary: "Returning errors (HTTP 502)",
      },
    ]);
    expect(bars.filter((b) => b.day !== dayStart).every((b) => b.incidents === undefined)).toBe(true);
    expect(JSON.stringify(dto)).not.toContain("secret cause");

    // A page that hides automatic incidents still shows the downtime, not the incidents.
    await db.update(statusPages).set({ showAutomaticIncidents: false }).where(eq(statusPages.slug, slug));
    const hidden = (await loadPublicStatusPage(db, slug, now))!.groups[0].monitors[0].bars.find((b) => b.day === dayStart)!;
    expect(hidden.downtimeMs).toBe(660_000);
    expect(hidden.incidents).toEqual([]);
  });
});
