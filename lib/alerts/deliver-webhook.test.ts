import { spawn } from "node:child_process";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// Receivers listen on 127.0.0.1: let outgoing deliveries reach it (set before lib/env is first read).
vi.hoisted(() => {
  process.env.CHECKS_ALLOW_PRIVATE = "true";
});

import { closeDb, db } from "../db/client";
import { alertChannels, alertOutbox } from "../db/schema";
import { openIncident } from "../incidents/open-incident";
import { resolveIncident } from "../incidents/resolve-incident";
import { closeRedis } from "../redis/client";
import { createTestUser } from "../../tests/factories";
import { createHeartbeatMonitor, waitFor } from "../heartbeats/testing";
import { backoffMs, claimDueAlerts, deliverDueAlerts, type DeliverOptions } from "./deliver";
import { verifyWebhookSignature } from "./signature";
import { startReceiver } from "./testing/receiver";

const opts: DeliverOptions = { appUrl: "https://vigil.example", backoffBaseMs: 50, backoffMaxMs: 200, limit: 200 };
let receiver: Awaited<ReturnType<typeof startReceiver>>;
// Per path: how the receiver answers its n-th request.
const plans = new Map<string, (n: number) => number | "hang" | { status: number; headers?: Record<string, string> }>();

beforeAll(async () => {
  receiver = await startReceiver((req, n) => plans.get(req.path)?.(n) ?? 200);
});
afterAll(async () => {
  await receiver.close();
  await closeDb();
  await closeRedis();
});

let seq = 0;
async function tenantWithHook(plan: (n: number) => number | "hang" | { status: number; headers?: Record<string, string> }, secret = "whsec-test-0123456789") {
  const u = await createTestUser();
  const m = await createHeartbeatMonitor(u.workspaceId, { name: `job-${++seq}` });
  const path = `/hook-${seq}-${u.workspaceId.slice(0, 8)}`;
  plans.set(path, plan);
  const [channel] = await db
    .insert(alertChannels)
    .values({ workspaceId: u.workspaceId, type: "webhook", name: "hook", target: receiver.url(path), secrets: { secret } })
    .returning();
  return { ...u, monitor: m, channel, path, secret };
}

const rowsOf = (channelId: string) => db.select().from(alertOutbox).where(eq(alertOutbox.channelId, channelId));
const channelOf = async (id: string) => (await db.select().from(alertChannels).where(eq(alertChannels.id, id)))[0];
/** Delivers until nothing is due for this channel (rows in backoff are waited for). */
async function settle(channelId: string, o = opts) {
  await waitFor(
    async () => {
      await deliverDueAlerts(db, o);
      return (await rowsOf(channelId)).every((r) => r.status === "sent" || r.status === "failed");
    },
    25_000,
    40,
  );
}

describe("webhook delivery through the one pipeline", () => {
  it("a receiver that fails the first attempt: one accepted delivery per (incident, channel, event), the same Vigil-Delivery on each attempt, valid signatures", async () => {
    const t = await tenantWithHook((n) => (n === 1 || n === 3 ? 500 : 200));
    const { incident } = await openIncident(db, { workspaceId: t.workspaceId, monitorId: t.monitor.id, cause: "No ping received", regions: [] });
    await settle(t.channel.id);
    await resolveIncident(db, { monitorId: t.monitor.id });
    await Promise.all([deliverDueAlerts(db, opts), deliverDueAlerts(db, opts)]);
    await settle(t.channel.id);
    const reqs = receiver.on(t.path);
    expect(reqs.map((r) => [r.headers["vigil-event"], r.status])).toEqual([
      ["incident.opened", 500],
      ["incident.opened", 200],
      ["incident.resolved", 500],
      ["incident.resolved", 200],
    ]);
    const rows = await rowsOf(t.channel.id);
    for (const event of ["opened", "resolved"]) {
      const row = rows.find((r) => r.event === event)!;
      expect(row).toMatchObject({ status: "sent", attempts: 2 });
      const attempts = reqs.filter((r) => r.headers["vigil-delivery"] === row.id);
      expect(attempts).toHaveLength(2);
      expect(attempts.filter((r) => r.status === 200)).toHaveLength(1);
    }
    for (const r of reqs) {
      expect(verifyWebhookSignature(r.headers["vigil-signature"] as string, r.body, t.secret)).toEqual({ ok: true });
      expect(r.headers["user-agent"]).toMatch(/^Vigil\//);
      const body = JSON.parse(r.body);
      expect(body).toMatchObject({
        event: r.headers["vigil-event"],
        deliveryId: r.headers["vigil-delivery"],
        monitor: { id: t.monitor.id, type: "heartbeat" },
        incident: { id: incident!.id },
      });
      expect(body.url).toBe(`https://vigil.example/incidents/${incident!.id}`);
    }
    // The retry came back quickly (first retry well inside 30 s even with production backoff).
    const ch = await channelOf(t.channel.id);
    expect(ch.lastDeliveryAt).toBeTruthy();
    expect(ch.lastError).toBeNull();
  });

  it("a receiver answering 410: failed once, recorded on the channel, no retry storm", async () => {
    const t = await tenantWithHook(() => 410);
    await openIncident(db, { workspaceId: t.workspaceId, monitorId: t.monitor.id, cause: "down", regions: [] });
    await settle(t.channel.id);
    for (let i = 0; i < 5; i++) await deliverDueAlerts(db, opts);
    expect(receiver.on(t.path)).toHaveLength(1);
    const [row] = await rowsOf(t.channel.id);
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    const ch = await channelOf(t.channel.id);
    expect(ch.lastError).toMatch(/410/);
    expect(ch.lastErrorAt).toBeTruthy();
  });

  it("429 with Retry-After is honoured; a row older than 24 h gives up and is recorded on the channel", async () => {
    const t = await tenantWithHook(() => ({ status: 429, headers: { "retry-after": "120" } }));
    await openIncident(db, { workspaceId: t.workspaceId, monitorId: t.monitor.id, cause: "down", regions: [] });
    await waitFor(
      async () => (await deliverDueAlerts(db, opts), (await rowsOf(t.channel.id))[0].attempts === 1 && (await rowsOf(t.channel.id))[0].status === "pending"),
    );
    const [row] = await rowsOf(t.channel.id);
    expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() + 100_000);
    // Now pretend it has been failing for a day.
    await db
      .update(alertOutbox)
      .set({ createdAt: sql`now() - interval '25 hours'`, nextAttemptAt: sql`now()` })
      .where(eq(alertOutbox.id, row.id));
    await settle(t.channel.id);
    const [after] = await rowsOf(t.channel.id);
    expect(after).toMatchObject({ status: "failed", attempts: 2 });
    expect((await channelOf(t.channel.id)).lastError).toMatch(/gave up/);
  });

  it("a hanging receiver times out (10 s) and the delivery is retried", async () => {
    const t = await tenantWithHook((n) => (n === 1 ? "hang" : 200));
    await openIncident(db, { workspaceId: t.workspaceId, monitorId: t.monitor.id, cause: "down", regions: [] });
    const started = Date.now();
    await settle(t.channel.id);
    const reqs = receiver.on(t.path);
    expect(reqs).toHaveLength(2);
    expect(reqs[0].headers["vigil-delivery"]).toBe(reqs[1].headers["vigil-delivery"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(9_500);
    const [row] = await rowsOf(t.channel.id);
    expect(row).toMatchObject({ status: "sent", attempts: 2 });
    expect(row.lastError).toBeNull();
  }, 40_000);

  it("a worker killed (SIGKILL) mid-delivery: delivered once, by the next worker after the lease", async () => {
    const t = await tenantWithHook((n) => (n === 1 ? "hang" : 200));
    await openIncident(db, { workspaceId: t.workspaceId, monitorId: t.monitor.id, cause: "down", regions: [] });
    const [row] = await rowsOf(t.channel.id);
    const child = spawn(process.execPath, ["--import", "tsx", "lib/alerts/testing/kill-child.ts", row.id, "9"], {
      env: process.env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (b) => (out += b));
    await waitFor(async () => receiver.on(t.path).length === 1, 20_000);
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    expect(out).not.toContain("finished");
    expect((await rowsOf(t.channel.id))[0]).toMatchObject({ status: "sending", attempts: 1 });
    for (let i = 0; i < 3; i++) await deliverDueAlerts(db, opts); // the lease holds: nobody resends
    expect(receiver.on(t.path)).toHaveLength(1);
    await db
      .update(alertOutbox)
      .set({ claimedAt: sql`now() - interval '10 minutes'` })
      .where(eq(alertOutbox.id, row.id));
    await settle(t.channel.id);
    const reqs = receiver.on(t.path);
    expect(reqs).toHaveLength(2);
    expect(receiver.accepted(t.path)).toHaveLength(1);
    expect(reqs[1].headers["vigil-delivery"]).toBe(row.id);
    expect((await rowsOf(t.channel.id))[0]).toMatchObject({ status: "sent", attempts: 2 });
  });

  it("muted monitor, muted channel, unconfirmed email: nothing is sent, and no error on the channel", async () => {
    const t = await tenantWithHook(() => 200);
    await db.update(alertChannels).set({ muted: true }).where(eq(alertChannels.id, t.channel.id));
    await openIncident(db, { workspaceId: t.workspaceId, monitorId: t.monitor.id, cause: "down", regions: [] });
    expect(await rowsOf(t.channel.id)).toHaveLength(0); // not even written
    await db.update(alertChannels).set({ muted: false }).where(eq(alertChannels.id, t.channel.id));
    const [unconfirmed] = await db
      .insert(alertChannels)
      .values({ workspaceId: t.workspaceId, type: "email", target: `x-${t.email}`, verified: false })
      .returning();
    await resolveIncident(db, { monitorId: t.monitor.id });
    expect(await rowsOf(unconfirmed.id)).toHaveLength(0);
    // Muted after the row was written: suppressed at send time.
    const [row] = await rowsOf(t.channel.id);
    await db.update(alertChannels).set({ muted: true }).where(eq(alertChannels.id, t.channel.id));
    await settle(t.channel.id);
    expect(receiver.on(t.path)).toHaveLength(0);
    expect((await rowsOf(t.channel.id))[0]).toMatchObject({ id: row.id, status: "failed", lastError: "suppressed: muted" });
    expect((await channelOf(t.channel.id)).lastError).toBeNull();
  });

  it("production backoff: the first retry within 30 s (5 s ± 20 %), doubling, capped at 10 min", () => {
    for (let i = 0; i < 50; i++) {
      expect(backoffMs(1)).toBeGreaterThanOrEqual(4_000);
      expect(backoffMs(1)).toBeLessThanOrEqual(6_000);
      expect(backoffMs(2)).toBeGreaterThanOrEqual(8_000);
      expect(backoffMs(30)).toBeLessThanOrEqual(12 * 60_000);
      expect(backoffMs(30)).toBeGreaterThanOrEqual(8 * 60_000);
    }
  });

  it("claims are exclusive: concurrent passes never send a row twice", async () => {
    const t = await tenantWithHook(() => 200);
    await openIncident(db, { workspaceId: t.workspaceId, monitorId: t.monitor.id, cause: "down", regions: [] });
    const [a, b] = await Promise.all([claimDueAlerts(db, 500), claimDueAlerts(db, 500)]);
    const ids = [...a, ...b].map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
