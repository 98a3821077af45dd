import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db/client";
import { incidents } from "@/lib/db/schema";
import { closeRedis } from "@/lib/redis/client";
import { createTestUser, userCtx } from "@/tests/factories";
import { getMonitorUptime } from "../uptime/get-uptime";
import { getOverviewStats } from "./overview";
import { rollupUntilCaughtUp } from "./run-rollup";
import { insertCheckSeries, insertMonitor } from "./seed";

const H = 3_600_000;
let ws: string;
afterAll(async () => {
  await closeDb();
  await closeRedis();
});
beforeAll(async () => {
  ws = (await createTestUser()).workspaceId;
});

describe("getOverviewStats", () => {
  it("gives each monitor its 24 h uptime (same figure as the API) and an hourly sparkline, in one call", async () => {
    const now = new Date();
    const a = await insertMonitor(db, { workspaceId: ws, createdAt: new Date(now.getTime() - 5 * 24 * H) });
    const b = await insertMonitor(db, { workspaceId: ws, createdAt: new Date(now.getTime() - 5 * 24 * H) });
    const fresh = await insertMonitor(db, { workspaceId: ws });
    await insertCheckSeries(db, {
      monitorId: a.id,
      regions: ["eu", "us"],
      from: new Date(now.getTime() - 3 * H),
      to: new Date(now.getTime() - 60_000),
      everySeconds: 60,
      baseLatencyMs: 100,
    });
    await db.insert(incidents).values({ workspaceId: ws, monitorId: b.id, cause: "x", status: "open", startedAt: new Date(now.getTime() - 6 * H) });
    await rollupUntilCaughtUp(db);

    const stats = await getOverviewStats(userCtx(db, ws), [a.id, b.id, fresh.id], now);
    expect(stats.size).toBe(3);
    const sa = stats.get(a.id)!;
    expect(sa.uptime24h).toBe(100);
    expect(sa.sparkline).toHaveLength(24);
    expect(sa.sparkline.slice(0, 20).every((v) => v === null)).toBe(true);
    expect(sa.sparkline.filter((v) => v !== null).length).toBeGreaterThanOrEqual(3);
    expect(sa.sparkline.filter((v): v is number => v !== null).every((v) => v >= 100 && v < 200)).toBe(true);
    const sb = stats.get(b.id)!;
    expect(sb.uptime24h).toBeCloseTo(75, 1);
    expect(sb.uptime24h).toBeCloseTo((await getMonitorUptime(userCtx(db, ws), { monitorId: b.id, window: "24h", now })).uptime, 3);
    expect(stats.get(fresh.id)).toEqual({ uptime24h: 100, sparkline: Array(24).fill(null) });
    expect((await getOverviewStats(userCtx(db, ws), [])).size).toBe(0);
    // Another workspace asking for these ids gets nothing back.
    const stranger = (await createTestUser()).workspaceId;
    expect((await getOverviewStats(userCtx(db, stranger), [a.id, b.id], now)).size).toBe(0);
  });
});
