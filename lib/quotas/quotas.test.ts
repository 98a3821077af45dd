import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../db/client";
import { closeRedis } from "../redis/client";
import { alertChannels, monitors } from "../db/schema";
import { ForbiddenError } from "../errors";
import { createTestUser, userCtx } from "../../tests/factories";
import { createAlertChannel, deleteAlertChannel, listAlertChannels } from "../alerts/channels";
import { assertMonitorWithinQuotas, defaultQuotas, getQuotas, QuotaExceededError, setWorkspaceQuotas, withinCountQuota } from "./quotas";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

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

describe("alert channel quota: the owner's default email channel doesn't count", () => {
  const hook = (n: number) => ({ type: "webhook", name: `Hook ${n}`, target: `https://hooks.example.test/${n}` });
  async function workspace(alertChannels: number) {
    const u = await createTestUser();
    await setWorkspaceQuotas(operator(u.workspaceId), u.workspaceId, { alertChannels });
    return { ...u, ctx: userCtx(db, u.workspaceId) };
  }
  const channelCount = (workspaceId: string) => db.$count(alertChannels, eq(alertChannels.workspaceId, workspaceId));
  const refused = (p: Promise<unknown>) => expect(p).rejects.toMatchObject({ code: "quota_exceeded", quota: "alertChannels" });

  it("a quota of N takes N added channels besides the default one, whether it was made on the first add or on a listing", async () => {
    const a = await workspace(2);
    await createAlertChannel(a.ctx, hook(1));
    await createAlertChannel(a.ctx, hook(2));
    await refused(createAlertChannel(a.ctx, hook(3)));
    expect(await channelCount(a.workspaceId)).toBe(3);

    const b = await workspace(1);
    expect(await listAlertChannels(b.ctx)).toHaveLength(1);
    await createAlertChannel(b.ctx, hook(1));
    await refused(createAlertChannel(b.ctx, hook(2)));
    expect(await channelCount(b.workspaceId)).toBe(2);
  });

  it("a quota of 0 takes no channel of the user's own; the default one still exists", async () => {
    const a = await workspace(0);
    await refused(createAlertChannel(a.ctx, hook(1)));
    expect((await listAlertChannels(a.ctx)).map((c) => [c.type, c.target])).toEqual([["email", a.email]]);
  });

  it("only one channel is free: another one to the owner's address counts, and so does the default once moved elsewhere or deleted", async () => {
    const a = await workspace(1);
    await createAlertChannel(a.ctx, { type: "email", name: "me again", target: a.email.toUpperCase() });
    await refused(createAlertChannel(a.ctx, hook(1)));
    expect(await channelCount(a.workspaceId)).toBe(2);

    const b = await workspace(2);
    await createAlertChannel(b.ctx, hook(1));
    const [dflt] = await db
      .select()
      .from(alertChannels)
      .where(and(eq(alertChannels.workspaceId, b.workspaceId), eq(alertChannels.type, "email")));
    await db.update(alertChannels).set({ target: "b-team@example.test" }).where(eq(alertChannels.id, dflt.id));
    await refused(createAlertChannel(b.ctx, hook(2)));
    await deleteAlertChannel(b.ctx, dflt.id);
    await createAlertChannel(b.ctx, hook(2));
    await refused(createAlertChannel(b.ctx, hook(3)));
    expect(await channelCount(b.workspaceId)).toBe(2);
  });

  it("concurrent adds can't take the last place twice", async () => {
    const a = await workspace(3);
    const results = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => createAlertChannel(a.ctx, hook(i))));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(3);
    expect(await channelCount(a.workspaceId)).toBe(4);
  });
});
