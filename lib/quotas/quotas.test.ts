import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../db/client";
import { monitors } from "../db/schema";
import { ForbiddenError } from "../errors";
import { createTestUser, userCtx } from "../../tests/factories";
import { assertMonitorWithinQuotas, defaultQuotas, getQuotas, QuotaExceededError, setWorkspaceQuotas, withinCountQuota } from "./quotas";

afterAll(() => closeDb());

const operator = (workspaceId: string) => userCtx(db, workspaceId, { operator: true });

describe("workspace quotas", () => {
  it("defaults come from the environment; an operator's override applies to that workspace only", async () => {
    const a = await createTestUser();
    const b = await createTestUser();
    expect(await getQuotas(db, a.workspaceId)).toEqual(defaultQuotas());
    await setWorkspaceQuotas(operator(a.workspaceId), a.workspaceId, { monitors: 2 });
    expect((await getQuotas(db, a.workspaceId)).monitors).toBe(2);
    expect((await getQuotas(db, b.workspaceId)).monitors).toBe(defaultQuotas().monitors);
    // null returns a quota to the default
    await setWorkspaceQuotas(operator(a.workspaceId), a.workspaceId, { monitors: null });
    expect((await getQuotas(db, a.workspaceId)).monitors).toBe(defaultQuotas().monitors);
  });

  it("only an operator may change quotas", async () => {
    const a = await createTestUser();
    await expect(setWorkspaceQuotas(userCtx(db, a.workspaceId), a.workspaceId, { monitors: 5000 })).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("counted quotas refuse the one too many with 403 quota_exceeded, also under concurrency", async () => {
    const a = await createTestUser();
    await setWorkspaceQuotas(operator(a.workspaceId), a.workspaceId, { monitors: 3 });
    const ctx = userCtx(db, a.workspaceId);
    const insert = (i: number) =>
      withinCountQuota(ctx, "monitors", (tx) =>
        tx.insert(monitors).values({ workspaceId: a.workspaceId, name: `m${i}`, type: "http", url: "https://example.com" }),
      );
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => insert(i)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected").map((r) => r.reason);
    expect(refused).toHaveLength(3);
    for (const err of refused) {
      expect(err).toBeInstanceOf(QuotaExceededError);
      expect(err.status).toBe(403);
      expect(err.code).toBe("quota_exceeded");
      expect(err.message).toMatch(/quota of 3 monitors/);
    }
    expect(await db.$count(monitors, eq(monitors.workspaceId, a.workspaceId))).toBe(3);
  });

  it("interval and regions per monitor are field errors naming the limit", () => {
    const q = { ...defaultQuotas(), minIntervalSeconds: 60, regionsPerMonitor: 1 };
    expect(() => assertMonitorWithinQuotas(q, { intervalSeconds: 30, regions: ["local"] })).toThrow(/every 60 seconds/);
    try {
      assertMonitorWithinQuotas(q, { intervalSeconds: 60, regions: ["eu", "us"] });
      expect.unreachable();
    } catch (err) {
      expect((err as QuotaExceededError).fields).toEqual({ regions: expect.stringMatching(/1 region per monitor/) });
    }
    expect(() => assertMonitorWithinQuotas(q, { intervalSeconds: 60, regions: ["eu"] })).not.toThrow();
  });
});
