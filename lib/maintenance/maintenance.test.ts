import http from "node:http";
import type { AddressInfo } from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../db/client";
import { alertChannels, alertOutbox, incidents, maintenanceOccurrences, monitors } from "../db/schema";
import { closeRedis } from "../redis/client";
import { insertMonitor } from "../rollups/seed";
import { httpCheckRunner } from "../results/http-runner";
import { ResultWriter } from "../results/result-writer";
import { runCheckJob } from "../results/run-check-job";
import type { MonitorCache } from "../scheduler/monitor-cache";
import { sweepHeartbeatDeadlines } from "../heartbeats/sweep-deadlines";
import { storePingBatch } from "../heartbeats/store-pings";
import { pruneSubscriberOutbox } from "../retention/prune-subscriber-outbox";
import { computeUptime } from "../uptime/compute";
import { pausedSpans } from "../uptime/paused";
import { createTestUser, userCtx, viewerCtx } from "../../tests/factories";
import { getMaintenanceWindow, listMaintenanceWindows } from "./get-window";
import { currentOccurrence, maintenanceSpan, occurrencesBetween } from "./occurrences";
import { createMaintenanceWindow, deleteMaintenanceWindow, updateMaintenanceWindow } from "./save-window";
import { sweepMaintenance } from "./sweep";

const HOUR = 3_600_000;
const writer = new ResultWriter(db, { flushMs: 5 });
let server: http.Server;
let failingUrl: string;

beforeAll(async () => {
  server = http.createServer((_req, res) => {
    res.statusCode = 503;
    res.end("down");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  failingUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  await writer.close();
  server.close();
  await closeDb();
  await closeRedis();
});

const iso = (ms: number) => new Date(ms).toISOString();

async function setup() {
  const { workspaceId } = await createTestUser();
  const ctx = userCtx(db, workspaceId);
  const m = await insertMonitor(db, { workspaceId, url: failingUrl, regions: ["eu"], createdAt: new Date(Date.now() - HOUR) });
  return { workspaceId, ctx, m };
}

/** One check through the real path: engine → batched writer → incident rule. */
async function check(monitorId: string) {
  const [m] = await db.select().from(monitors).where(eq(monitors.id, monitorId));
  const cache = { get: async () => m } as unknown as MonitorCache;
  return runCheckJob(
    { db, monitors: cache, runCheck: httpCheckRunner({ allowPrivate: true }), writer, allRegions: ["eu"], recheck: async () => {} },
    { monitorId, region: "eu", slot: Date.now() + Math.random() * 1000, kind: "slot" },
  );
}

describe("occurrences", () => {
  it("expands a cron in its timezone, lasting durationMinutes, and merges touching spans", () => {
    const w = {
      startsAt: new Date("2026-03-01T00:00:00Z"),
      endsAt: new Date("2026-04-30T00:00:00Z"),
      recurrence: { cron: "0 2 * * 0", timezone: "Europe/Berlin", durationMinutes: 60 },
    };
    const occ = occurrencesBetween(w, new Date("2026-03-20T00:00:00Z"), new Date("2026-04-06T00:00:00Z"));
    // 02:00 Berlin is 01:00Z in winter and 00:00Z in summer; on 29 March 02:00 doesn't exist (clocks jump to 03:00 CEST = 01:00Z).
    expect(occ.map((o) => o.start.toISOString())).toEqual(["2026-03-22T01:00:00.000Z", "2026-03-29T01:00:00.000Z", "2026-04-05T00:00:00.000Z"]);
    expect(currentOccurrence(w, new Date("2026-03-22T01:30:00Z"))?.end.toISOString()).toBe("2026-03-22T02:00:00.000Z");
    expect(currentOccurrence(w, new Date("2026-03-22T02:00:00Z"))).toBeNull();
    const a = { startsAt: new Date(1000), endsAt: new Date(2000), recurrence: null };
    const b = { startsAt: new Date(2000), endsAt: new Date(3000), recurrence: null };
    expect(maintenanceSpan([b, a], new Date(0))).toEqual({ start: new Date(1000), end: new Date(3000) });
  });
});

describe("uptime", () => {
  it("leaves maintenance out like a pause: downtime inside a window doesn't count", () => {
    const t = Date.parse("2026-06-02T00:00:00Z");
    const incident = { startedAt: t - 10 * HOUR, resolvedAt: t - 9 * HOUR };
    const base = { windowStart: t - 24 * HOUR, windowEnd: t, now: t, createdAt: t - 48 * HOUR, incidents: [incident] };
    expect(computeUptime({ ...base, paused: pausedSpans({ pauseHistory: [] }, t) }).uptime).toBeLessThan(96);
    const maintenanceHistory = [{ start: iso(t - 11 * HOUR), end: iso(t - 8 * HOUR) }];
    expect(computeUptime({ ...base, paused: pausedSpans({ pauseHistory: [], maintenanceHistory }, t) }).uptime).toBe(100);
  });
});

describe("maintenance windows", () => {
  it("rejects bad input with field errors: ends before it starts, invalid cron or timezone, bad duration, another workspace's monitor", async () => {
    const { ctx, m } = await setup();
    const other = await setup();
    const base = { title: "Upgrade", monitorIds: [m.id], startsAt: iso(Date.now() + HOUR), endsAt: iso(Date.now() + 2 * HOUR) };
    const fields = async (input: unknown) => {
      try {
        await createMaintenanceWindow(ctx, input);
      } catch (err) {
        return (err as { fields?: Record<string, string> }).fields ?? {};
      }
      throw new Error("accepted");
    };
    expect(await fields({ ...base, endsAt: iso(Date.now()) })).toHaveProperty("endsAt");
    expect(await fields({ ...base, recurrence: { cron: "61 * * * *", timezone: "UTC", durationMinutes: 30 } })).toHaveProperty(["recurrence.cron"]);
    expect(await fields({ ...base, recurrence: { cron: "not cron", timezone: "UTC", durationMinutes: 30 } })).toHaveProperty(["recurrence.cron"]);
    expect(await fields({ ...base, recurrence: { cron: "0 2 * * 0", timezone: "Mars/Olympus", durationMinutes: 30 } })).toHaveProperty(["recurrence.timezone"]);
    expect(await fields({ ...base, recurrence: { cron: "0 2 * * 0", timezone: "UTC", durationMinutes: 0 } })).toHaveProperty(["recurrence.durationMinutes"]);
    expect(await fields({ ...base, monitorIds: [other.m.id] })).toHaveProperty(["monitorIds.0"]);
    // A PATCH is checked as the merged window.
    const w = await createMaintenanceWindow(ctx, base);
    await expect(updateMaintenanceWindow(ctx, w.id, { endsAt: iso(Date.now()) })).rejects.toMatchObject({
      status: 400,
      fields: { endsAt: expect.any(String) },
    });
  });

  it("is tenant-scoped: another workspace's window is 404, a viewer may read but not change", async () => {
    const { ctx, m } = await setup();
    const other = await setup();
    const w = await createMaintenanceWindow(ctx, { title: "Mine", monitorIds: [m.id], startsAt: iso(Date.now() + HOUR), endsAt: iso(Date.now() + 2 * HOUR) });
    await expect(getMaintenanceWindow(other.ctx, w.id)).rejects.toMatchObject({ status: 404 });
    await expect(updateMaintenanceWindow(other.ctx, w.id, { title: "x" })).rejects.toMatchObject({ status: 404 });
    await expect(deleteMaintenanceWindow(other.ctx, w.id)).rejects.toMatchObject({ status: 404 });
    expect((await listMaintenanceWindows(other.ctx)).map((x) => x.id)).not.toContain(w.id);
    expect((await getMaintenanceWindow(viewerCtx(db, ctx.workspaceId), w.id)).title).toBe("Mine");
    await expect(deleteMaintenanceWindow(viewerCtx(db, ctx.workspaceId), w.id)).rejects.toMatchObject({ status: 403 });
  });

  it("a failing check during an active window opens no incident and enqueues no alert; after it, the same check does", async () => {
    const { ctx, workspaceId, m } = await setup();
    await db.insert(alertChannels).values({ workspaceId, target: "ops@example.test" });
    const w = await createMaintenanceWindow(ctx, {
      title: "DB upgrade",
      monitorIds: [m.id],
      startsAt: iso(Date.now() - 60_000),
      endsAt: iso(Date.now() + HOUR),
    });
    expect(w.active).toBe(true);
    const [row] = await db.select().from(monitors).where(eq(monitors.id, m.id));
    expect(row.maintenanceEndsAt?.toISOString()).toBe(w.endsAt);

    const outcome = await check(m.id);
    expect(outcome).toMatchObject({ status: "checked", ok: false });
    expect(await db.select().from(incidents).where(eq(incidents.monitorId, m.id))).toHaveLength(0);
    expect(
      await db
        .select()
        .from(alertOutbox)
        .where(and(eq(alertOutbox.workspaceId, workspaceId), eq(alertOutbox.event, "opened"))),
    ).toHaveLength(0);

    // Start is claimed once however many sweeps run; channels hear maintenance.started with the monitor.
    const sweeps = await Promise.all([sweepMaintenance(db), sweepMaintenance(db), sweepMaintenance(db)]);
    expect(sweeps.reduce((n, s) => n + s.started, 0)).toBe(1);
    const startedRows = await db
      .select()
      .from(alertOutbox)
      .where(and(eq(alertOutbox.workspaceId, workspaceId), eq(alertOutbox.event, "maintenance_started")));
    expect(startedRows).toHaveLength(1);
    expect(startedRows[0]).toMatchObject({ monitorId: m.id, incidentId: null });
    const [withHistory] = await db.select().from(monitors).where(eq(monitors.id, m.id));
    expect(withHistory.maintenanceHistory).toHaveLength(1);

    // Ended early (PATCH endsAt to the past): the end is claimed once, the history is cut, checks open incidents again.
    await updateMaintenanceWindow(ctx, w.id, { endsAt: iso(Date.now() - 1000) });
    const ends = await Promise.all([sweepMaintenance(db), sweepMaintenance(db)]);
    expect(ends.reduce((n, s) => n + s.ended, 0)).toBe(1);
    expect(
      await db
        .select()
        .from(alertOutbox)
        .where(and(eq(alertOutbox.workspaceId, workspaceId), eq(alertOutbox.event, "maintenance_ended"))),
    ).toHaveLength(1);
    const [after] = await db.select().from(monitors).where(eq(monitors.id, m.id));
    expect(after.maintenanceStartsAt).toBeNull();
    expect(Date.parse(after.maintenanceHistory[0].end!)).toBeLessThanOrEqual(Date.now());
    await check(m.id);
    expect(await db.select().from(incidents).where(eq(incidents.monitorId, m.id))).toHaveLength(1);
  });

  it("a heartbeat that misses its deadline under maintenance is looked at again when the window ends", async () => {
    const { ctx, workspaceId } = await setup();
    const hb = await insertMonitor(db, {
      workspaceId,
      type: "heartbeat",
      url: null,
      periodSeconds: 60,
      graceSeconds: 10,
      deadlineAt: new Date(Date.now() - 1000),
    });
    const w = await createMaintenanceWindow(ctx, {
      title: "Cron host reboot",
      monitorIds: [hb.id],
      startsAt: iso(Date.now() - 60_000),
      endsAt: iso(Date.now() + HOUR),
    });
    await sweepHeartbeatDeadlines(db);
    expect(await db.select().from(incidents).where(eq(incidents.monitorId, hb.id))).toHaveLength(0);
    const [row] = await db.select().from(monitors).where(eq(monitors.id, hb.id));
    expect(row.deadlineAt?.toISOString()).toBe(w.endsAt);
    await deleteMaintenanceWindow(ctx, w.id);
    await sweepHeartbeatDeadlines(db, { now: new Date(Date.now() + 2 * HOUR) });
    expect(await db.select().from(incidents).where(eq(incidents.monitorId, hb.id))).toHaveLength(1);
  });

  it("a /fail ping under maintenance is stored but opens nothing and leaves the status alone", async () => {
    const { ctx, workspaceId } = await setup();
    const hb = await insertMonitor(db, { workspaceId, type: "heartbeat", url: null, status: "up", periodSeconds: 60, graceSeconds: 10 });
    await createMaintenanceWindow(ctx, { title: "Job migration", monitorIds: [hb.id], startsAt: iso(Date.now() - 60_000), endsAt: iso(Date.now() + HOUR) });
    const ping = {
      monitorId: hb.id,
      workspaceId,
      kind: "fail" as const,
      exitCode: 2,
      receivedAt: Date.now(),
      sourceIp: null,
      userAgent: null,
      body: null,
      bodyTruncated: false,
    };
    expect(await storePingBatch(db, [{ id: `${Date.now()}-0`, ping }])).toMatchObject({ stored: 1 });
    expect(await db.select().from(incidents).where(eq(incidents.monitorId, hb.id))).toHaveLength(0);
    const [row] = await db.select().from(monitors).where(eq(monitors.id, hb.id));
    expect(row.status).toBe("up");
  });
});

describe("retention", () => {
  it("prunes finished subscriber emails and long-ended occurrences, never pending ones", async () => {
    const { ctx, m } = await setup();
    const w = await createMaintenanceWindow(ctx, { title: "Old", monitorIds: [m.id], startsAt: iso(Date.now() - 60_000), endsAt: iso(Date.now() + HOUR) });
    await sweepMaintenance(db);
    const long = new Date(Date.now() - 200 * 86_400_000);
    await db.update(maintenanceOccurrences).set({ endedAt: long }).where(eq(maintenanceOccurrences.windowId, w.id));
    const pruned = await pruneSubscriberOutbox(db, { olderThanDays: 30 });
    expect(pruned.rows).toBeGreaterThanOrEqual(1);
    expect(await db.select().from(maintenanceOccurrences).where(eq(maintenanceOccurrences.windowId, w.id))).toHaveLength(0);
  });
});
