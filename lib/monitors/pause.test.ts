import { afterAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { closeDb, db } from "../db/client";
import { alertOutbox, incidents, monitorRegionState, monitors } from "../db/schema";
import { ensureDefaultChannel } from "../alerts/channels";
import { openIncident } from "../incidents/open-incident";
import { closeRedis } from "../redis/client";
import { loadPublicStatusPage } from "../status-pages/public";
import { createStatusPage } from "../status-pages/save-status-page";
import { getMonitorUptime } from "../uptime/get-uptime";
import { createTestUser, userCtx } from "../../tests/factories";
import { createMonitor, setPaused, updateMonitor } from ".";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

const H = 3_600_000;

async function downMonitor() {
  const { workspaceId } = await createTestUser();
  await ensureDefaultChannel(db, workspaceId);
  const m = await createMonitor(userCtx(db, workspaceId), { type: "http", name: "Checkout", url: "https://example.com/" });
  await db
    .update(monitors)
    .set({ createdAt: new Date(Date.now() - 48 * H) })
    .where(eq(monitors.id, m.id));
  await db.insert(monitorRegionState).values({ monitorId: m.id, region: "eu", ok: false, checkedAt: new Date(), consecutiveFailures: 5 });
  const { incident } = await openIncident(db, {
    workspaceId,
    monitorId: m.id,
    cause: "HTTP 503 from eu",
    regions: ["eu"],
    startedAt: new Date(Date.now() - 2 * H),
  });
  return { workspaceId, monitorId: m.id, incidentId: incident!.id };
}

const events = async (incidentId: string) =>
  (await db.select({ event: alertOutbox.event }).from(alertOutbox).where(eq(alertOutbox.incidentId, incidentId))).map((r) => r.event);

describe("pausing and resuming", () => {
  it("ends the open incident without a recovery alert and starts the monitor over", async () => {
    const { workspaceId, monitorId, incidentId } = await downMonitor();
    expect(await events(incidentId)).toEqual(["opened"]);

    const paused = await setPaused(userCtx(db, workspaceId), monitorId, true);
    expect(paused).toMatchObject({ paused: true, status: "pending", consecutiveFailures: 0 });
    expect(paused.pauseHistory).toHaveLength(1);
    expect(paused.pauseHistory[0].end).toBeNull();
    const [incident] = await db.select().from(incidents).where(eq(incidents.id, incidentId));
    expect(incident).toMatchObject({ status: "resolved", details: { endedBy: "paused" } });
    expect(incident.resolvedAt!.getTime()).toBe(paused.pauseHistory.length && Date.parse(paused.pauseHistory[0].start));
    expect(await events(incidentId)).toEqual(["opened"]); // no "recovered" email: nothing recovered
    expect(await db.select().from(monitorRegionState).where(eq(monitorRegionState.monitorId, monitorId))).toEqual([]);
    // The public page doesn't claim a recovery either.
    const slug = `pause-${monitorId.slice(0, 8)}`;
    await createStatusPage(userCtx(db, workspaceId), { slug, title: "Status", monitors: [{ monitorId, displayName: "Checkout" }] });
    expect((await loadPublicStatusPage(db, slug))!.history).toEqual([expect.objectContaining({ monitor: "Checkout", endedBy: "pause" })]);

    // Repeating is a no-op; resuming closes the record, and a second pause opens another.
    expect((await setPaused(userCtx(db, workspaceId), monitorId, true)).pauseHistory).toEqual(paused.pauseHistory);
    const resumed = await updateMonitor(userCtx(db, workspaceId), monitorId, { paused: false });
    expect(resumed.pauseHistory).toEqual([{ start: paused.pauseHistory[0].start, end: expect.any(String) }]);
    expect((await updateMonitor(userCtx(db, workspaceId), monitorId, { paused: true, name: "Checkout v2" })).pauseHistory).toHaveLength(2);
  });

  it("leaves other monitors' incidents alone", async () => {
    const a = await downMonitor();
    const b = await downMonitor();
    await setPaused(userCtx(db, a.workspaceId), a.monitorId, true);
    const [open] = await db
      .select()
      .from(incidents)
      .where(and(eq(incidents.id, b.incidentId), eq(incidents.status, "open")));
    expect(open).toBeDefined();
  });

  it("keeps a resumed pause out of the uptime figures", async () => {
    const { workspaceId, monitorId } = await downMonitor();
    const now = new Date();
    // Down for the last 24 h, except 6 h in the middle when it was paused (and nothing was measured).
    await db
      .update(incidents)
      .set({ startedAt: new Date(now.getTime() - 30 * H) })
      .where(eq(incidents.monitorId, monitorId));
    const pauseHistory = [{ start: new Date(now.getTime() - 12 * H).toISOString(), end: new Date(now.getTime() - 6 * H).toISOString() }];
    await db.update(monitors).set({ pauseHistory }).where(eq(monitors.id, monitorId));
    const u = await getMonitorUptime(userCtx(db, workspaceId), { monitorId, window: "24h", now });
    expect(u.uptime).toBe(0);
    expect(u.downtimeSeconds).toBe(18 * 3600);
  });
});
