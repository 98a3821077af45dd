import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "@/lib/context";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { closeDb, db } from "@/lib/db/client";
import { incidents } from "@/lib/db/schema";
import { closeRedis } from "@/lib/redis/client";
import { rollupUntilCaughtUp } from "@/lib/rollups/run-rollup";
import { insertCheckSeries, insertMonitor } from "@/lib/rollups/seed";
import { createTestUser } from "@/tests/factories";
import { GET } from "./route";

const H = 3_600_000;
let key: string;
let otherKey: string;
let monitorId: string;

beforeAll(async () => {
  const a = await createTestUser();
  const b = await createTestUser();
  key = (await createApiKey(systemCtx(db, a.workspaceId), { name: "t" })).key;
  otherKey = (await createApiKey(systemCtx(db, b.workspaceId), { name: "t" })).key;
  const now = Date.now();
  const m = await insertMonitor(db, { workspaceId: a.workspaceId, createdAt: new Date(now - 10 * 24 * H) });
  monitorId = m.id;
  // Two hours of checks from two regions, one 30-minute incident 3 hours ago.
  await insertCheckSeries(db, { monitorId, regions: ["eu", "us"], from: new Date(now - 2 * H), to: new Date(now - 60_000), everySeconds: 60 });
  await db.insert(incidents).values({
    workspaceId: a.workspaceId,
    monitorId,
    status: "resolved",
    cause: "HTTP 503",
    startedAt: new Date(now - 3 * H),
    resolvedAt: new Date(now - 2.5 * H),
  });
  await rollupUntilCaughtUp(db);
});
afterAll(async () => {
  await closeDb();
  await closeRedis();
});

const call = (id: string, query: string, bearer = key) =>
  GET(new Request(`http://vigil.test/api/v1/monitors/${id}/uptime${query}`, { headers: { authorization: `Bearer ${bearer}` } }), {
    params: Promise.resolve({ id }),
  });

describe("GET /api/v1/monitors/{id}/uptime", () => {
  it("returns uptime, checks and downtime for each window", async () => {
    const res = await call(monitorId, "?window=24h");
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.checks).toBeGreaterThanOrEqual(238);
    expect(body.checks).toBeLessThanOrEqual(240);
    expect(body.downtimeSeconds).toBe(1800);
    expect(body.uptime).toBeCloseTo(100 * (1 - 0.5 / 24), 2);
    const week = await (await call(monitorId, "?window=7d")).json();
    expect(week.downtimeSeconds).toBe(1800);
    expect(week.uptime).toBeCloseTo(100 * (1 - 0.5 / (7 * 24)), 2);
    const q = await (await call(monitorId, "?window=90d")).json();
    // Created 10 days ago: only those 10 days are monitored.
    expect(q.uptime).toBeCloseTo(100 * (1 - 0.5 / (10 * 24)), 2);
    expect(q.checks).toBe(body.checks);
  });

  it("defaults to 24h and rejects a bad window with a field message", async () => {
    expect((await call(monitorId, "")).status).toBe(200);
    const res = await call(monitorId, "?window=1y");
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields.window).toMatch(/24h/);
    expect((await call(monitorId, "?window=24h&extra=1")).status).toBe(400);
  });

  it("is 404 for another workspace's monitor or a malformed id, 401 without a key", async () => {
    expect((await call(monitorId, "?window=24h", otherKey)).status).toBe(404);
    expect((await call("not-a-uuid", "?window=24h")).status).toBe(404);
    expect((await call(monitorId, "?window=24h", "vgl_nope")).status).toBe(401);
  });
});
