import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db/client";
import { checkScreenshots, incidents } from "@/lib/db/schema";
import { getIncidentDetail } from "@/lib/incidents/incident-detail";
import { closeRedis } from "@/lib/redis/client";
import { insertMonitor } from "@/lib/rollups/seed";
import { createTestUser, userCtx } from "@/tests/factories";
import { SCREENSHOTS_PER_MONITOR, findScreenshotBetween, saveFailureScreenshot } from "./screenshots";

const MIN = 60_000;
const jpeg = (n: number) => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff]), Buffer.from(String(n))]);
let ws: string;
let other: string;

beforeAll(async () => {
  ws = (await createTestUser()).workspaceId;
  other = (await createTestUser()).workspaceId;
});
afterAll(async () => {
  await closeDb();
  await closeRedis();
});

describe("failure screenshots", () => {
  it("keeps the newest few per monitor and finds the one taken during an incident", async () => {
    const m = await insertMonitor(db, { workspaceId: ws, name: "Login page" });
    await db.execute(`update monitors set type = 'browser' where id = '${m.id}'`);
    const t0 = Date.now() - 60 * MIN;
    for (let i = 0; i < SCREENSHOTS_PER_MONITOR + 3; i++) {
      await saveFailureScreenshot(db, {
        monitorId: m.id,
        region: "eu",
        takenAt: new Date(t0 + i * MIN),
        error: `Text "Welcome" did not appear within 10 s (${i})`,
        image: jpeg(i),
      });
    }
    const kept = await db.select({ error: checkScreenshots.error }).from(checkScreenshots).where(eq(checkScreenshots.monitorId, m.id));
    expect(kept).toHaveLength(SCREENSHOTS_PER_MONITOR);
    expect(kept.map((k) => k.error)).not.toContain('Text "Welcome" did not appear within 10 s (0)');

    const first = await findScreenshotBetween(db, m.id, new Date(t0), new Date(t0 + 60 * MIN));
    expect(first?.error).toContain("(3)");

    const [inc] = await db
      .insert(incidents)
      .values({ workspaceId: ws, monitorId: m.id, status: "open", cause: "Text missing", startedAt: new Date(t0 + 4 * MIN) })
      .returning();
    const d = (await getIncidentDetail(userCtx(db, ws), inc.id))!;
    expect(d.screenshot).toMatchObject({ region: "eu", error: expect.stringContaining("(3)") });
    expect(d.screenshot!.dataUrl).toBe(`data:image/jpeg;base64,${jpeg(3).toString("base64")}`);
    // Another workspace's incident id is not found, screenshot and all.
    expect(await getIncidentDetail(userCtx(db, other), inc.id)).toBeNull();
  });

  it("a monitor deleted meanwhile, or an oversized image, keeps nothing and throws nothing", async () => {
    await saveFailureScreenshot(db, { monitorId: "00000000-0000-4000-8000-00000000abcd", region: "eu", takenAt: new Date(), error: null, image: jpeg(1) });
    const m = await insertMonitor(db, { workspaceId: ws, name: "Big" });
    await saveFailureScreenshot(db, { monitorId: m.id, region: "eu", takenAt: new Date(), error: null, image: Buffer.alloc(1024 * 1024 + 1) });
    expect(await db.select().from(checkScreenshots).where(eq(checkScreenshots.monitorId, m.id))).toEqual([]);
  });
});
