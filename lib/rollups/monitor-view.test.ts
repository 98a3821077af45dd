import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db/client";
import { heartbeatPings } from "@/lib/db/schema";
import { closeRedis } from "@/lib/redis/client";
import { createTestUser, userCtx } from "@/tests/factories";
import { getMonitorView } from "./monitor-view";
import { rollupUntilCaughtUp } from "./run-rollup";
import { insertCheckSeries, insertMonitor } from "./seed";

const H = 3_600_000;
let ws: string;
let other: string;
let monitorId: string;
const now = new Date();

beforeAll(async () => {
  ws = (await createTestUser()).workspaceId;
  other = (await createTestUser()).workspaceId;
  const m = await insertMonitor(db, { workspaceId: ws, createdAt: new Date(now.getTime() - 3 * 24 * H) });
  monitorId = m.id;
  await insertCheckSeries(db, {
    monitorId,
    regions: ["eu", "us"],
    from: new Date(now.getTime() - 2 * 24 * H),
    to: new Date(now.getTime() - 30_000),
    everySeconds: 300,
    failing: [{ from: new Date(now.getTime() - 40 * 60_000), to: new Date(now.getTime() - 30 * 60_000) }],
  });
  await rollupUntilCaughtUp(db);
});
afterAll(async () => {
  await closeDb();
  await closeRedis();
});

describe("getMonitorView", () => {
  it("returns per-region series for every range, from raw rows for 1 h and rollups beyond", async () => {
    for (const range of ["1h", "24h", "7d", "30d", "90d"] as const) {
      const v = await getMonitorView(userCtx(db, ws), monitorId, range, now);
      expect(v, range).not.toBeNull();
      expect(v!.series.regions).toEqual(["eu", "us"]);
      expect(v!.series.points.length, range).toBeGreaterThan(0);
      expect(v!.series.breakdown.length, range).toBeGreaterThan(0);
      const p = v!.series.points.find((x) => x.eu !== null)!;
      expect(p.eu).toBeGreaterThanOrEqual(120);
      expect(p.us).toBeGreaterThanOrEqual(160);
    }
    const v = await getMonitorView(userCtx(db, ws), monitorId, "24h", now);
    expect(v!.series.points.length).toBeGreaterThanOrEqual(24);
    expect(v!.failedChecks.length).toBeGreaterThan(0);
    expect(v!.failedChecks.every((c) => !c.ok)).toBe(true);
    expect(v!.recentChecks).toHaveLength(10);
    expect(v!.tlsExpiresAt).not.toBeNull();
    expect(v!.uptime.bars).toHaveLength(90);
    expect(v!.uptime.windows["24h"].checks).toBeGreaterThan(500);
  });

  it("gives heartbeat monitors their last pings (newest first) instead of check charts", async () => {
    const hb = await insertMonitor(db, { workspaceId: ws, type: "heartbeat", url: null, pingToken: `t-${Math.random()}`, periodSeconds: 60, graceSeconds: 30 });
    await db.insert(heartbeatPings).values([
      { monitorId: hb.id, receivedAt: new Date(now.getTime() - 120_000), kind: "start", sourceIp: "203.0.113.5", userAgent: "curl/8" },
      { monitorId: hb.id, receivedAt: new Date(now.getTime() - 60_000), kind: "success", exitCode: 0, durationMs: 60_000, body: "backup done" },
    ]);
    const v = await getMonitorView(userCtx(db, ws), hb.id, "24h", now);
    expect(v!.series.points).toEqual([]);
    expect(v!.pings.map((p) => p.kind)).toEqual(["success", "start"]);
    expect(v!.pings[0]).toMatchObject({ exitCode: 0, durationMs: 60_000, body: "backup done" });
  });

  it("is null for another workspace", async () => {
    expect(await getMonitorView(userCtx(db, other), monitorId, "24h", now)).toBeNull();
  });
});
