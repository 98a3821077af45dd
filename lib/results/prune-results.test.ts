import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../db/client";
import { checkResults, monitors } from "../db/schema";
import { createTestUser } from "../../tests/factories";
import { withOwnDatabase } from "../../tests/helpers";
import { pruneCheckResults } from "./prune-results";

// Own database: retention deletes across every monitor, and other files' history must stay untouched.
const own = await withOwnDatabase("retention");
afterAll(async () => {
  await closeDb();
  await own.cleanup();
});

describe("retention", () => {
  it("deletes results older than the retention in batches and keeps the rest", async () => {
    const { workspaceId } = await createTestUser();
    const [m] = await db.insert(monitors).values({ workspaceId, type: "http", name: "old", url: "http://127.0.0.1:9/" }).returning();
    const now = new Date();
    const day = 86_400_000;
    await db
      .insert(checkResults)
      .values([
        ...Array.from({ length: 7 }, (_, i) => ({ monitorId: m.id, region: "eu", startedAt: new Date(now.getTime() - (31 + i) * day), ok: true })),
        ...Array.from({ length: 3 }, (_, i) => ({ monitorId: m.id, region: "eu", startedAt: new Date(now.getTime() - (29 - i) * day), ok: true })),
      ]);
    expect(await pruneCheckResults(db, { olderThanDays: 30, batchSize: 2, now })).toBe(7);
    const after = await db.select().from(checkResults);
    expect(after).toHaveLength(3);
    expect(after.every((r) => r.startedAt.getTime() > now.getTime() - 30 * day)).toBe(true);
    expect(await pruneCheckResults(db, { olderThanDays: 30, now })).toBe(0);
  });
});
