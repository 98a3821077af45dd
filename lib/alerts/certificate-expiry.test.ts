import { execFileSync } from "node:child_process";
import fs from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../db/client";
import { alertChannels, alertOutbox, monitors, type Monitor } from "../db/schema";
import { closeRedis } from "../redis/client";
import { httpCheckRunner } from "../results/http-runner";
import { ResultWriter } from "../results/result-writer";
import { runCheckJob } from "../results/run-check-job";
import type { MonitorCache } from "../scheduler/monitor-cache";
import { createTestUser } from "../../tests/factories";
import { alertCertificateExpiring, dueCertificateThreshold } from "./certificate-expiry";

const DAY = 86_400_000;
let dir: string;
const servers: https.Server[] = [];
const writer = new ResultWriter(db, { flushMs: 5 });

/** A local HTTPS server with a fresh self-signed certificate valid for `days` days (made with openssl). */
async function tlsServer(days: number): Promise<{ url: string; notAfter: Date }> {
  const name = `cert-${days}-${servers.length}`;
  const key = path.join(dir, `${name}.key`);
  const crt = path.join(dir, `${name}.crt`);
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", crt, "-days", String(days), "-subj", "/CN=127.0.0.1"], {
    stdio: "ignore",
  });
  const server = https.createServer({ key: fs.readFileSync(key), cert: fs.readFileSync(crt) }, (_req, res) => res.end("ok"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  servers.push(server);
  const notAfter = new Date(execFileSync("openssl", ["x509", "-enddate", "-noout", "-in", crt], { encoding: "utf8" }).trim().replace("notAfter=", ""));
  return { url: `https://127.0.0.1:${(server.address() as AddressInfo).port}/`, notAfter };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-cert-"));
});
afterAll(async () => {
  await writer.close();
  for (const s of servers) s.close();
  fs.rmSync(dir, { recursive: true, force: true });
  await closeDb();
  await closeRedis();
});

/** One check through the real path: engine → batched writer (certificate piggybacks there) → alert. */
async function check(monitorId: string) {
  const [m] = await db.select().from(monitors).where(eq(monitors.id, monitorId));
  const cache = { get: async () => m } as unknown as MonitorCache;
  const runCheck = httpCheckRunner({ allowPrivate: true });
  return runCheckJob(
    { db, monitors: cache, runCheck, writer, allRegions: ["eu"], recheck: async () => {} },
    { monitorId, region: "eu", slot: Date.now() + Math.random() * 1000, kind: "slot" },
  );
}

async function httpsMonitor(url: string, extra: Partial<Monitor> = {}) {
  const u = await createTestUser();
  const [m] = await db
    .insert(monitors)
    .values({ workspaceId: u.workspaceId, type: "http", name: "shop", url, verifyTls: false, ...extra })
    .returning();
  const [channel] = await db.insert(alertChannels).values({ workspaceId: u.workspaceId, type: "webhook", target: "http://127.0.0.1:9/hook" }).returning();
  return { ...u, monitor: m, channel };
}
const certRows = (channelId: string) =>
  db
    .select()
    .from(alertOutbox)
    .where(sql`${alertOutbox.channelId} = ${channelId} and ${alertOutbox.event} = 'certificate_expiring'`);

describe("certificate expiry alerts", () => {
  it("the threshold rule: the smallest crossed threshold below the one already alerted", () => {
    const now = new Date("2026-01-01T00:00:00Z");
    const at = (d: number) => new Date(now.getTime() + d * DAY);
    expect(dueCertificateThreshold(at(30), [14, 7, 1], null, now)).toBeNull();
    expect(dueCertificateThreshold(at(10), [14, 7, 1], null, now)).toBe(14);
    expect(dueCertificateThreshold(at(2.5), [14, 7, 1], null, now)).toBe(7);
    expect(dueCertificateThreshold(at(2.5), [14, 7, 1], 7, now)).toBeNull();
    expect(dueCertificateThreshold(at(0.5), [14, 7, 1], 7, now)).toBe(1);
    expect(dueCertificateThreshold(at(0.5), [], null, now)).toBeNull();
  });

  it("a certificate 3 days from expiry: ONE alert (threshold 7, not 14 and 7), then nothing more for it; a renewed certificate starts over", async () => {
    const short = await tlsServer(3);
    const t = await httpsMonitor(short.url);
    const first = await check(t.monitor.id);
    expect(first).toMatchObject({ status: "checked", ok: true });
    const rows = await certRows(t.channel.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ monitorId: t.monitor.id, incidentId: null });
    expect(rows[0].idempotencyKey).toBe(`cert:${t.monitor.id}:${short.notAfter.toISOString()}:7:${t.channel.id}`);
    expect(rows[0].payload).toMatchObject({ thresholdDays: 7, daysLeft: 2, expiresAt: short.notAfter.toISOString() });
    const [m] = await db.select().from(monitors).where(eq(monitors.id, t.monitor.id));
    expect(m).toMatchObject({ tlsExpiresAt: short.notAfter, tlsAlertedDays: 7 });
    for (let i = 0; i < 3; i++) await check(t.monitor.id);
    expect(await certRows(t.channel.id)).toHaveLength(1);
    // Concurrent workers or regions racing on the same threshold: one alert.
    await db.update(monitors).set({ tlsAlertedDays: null }).where(eq(monitors.id, t.monitor.id));
    const raced = await Promise.all(
      [1, 2, 3].map(() => alertCertificateExpiring(db, { workspaceId: t.workspaceId, monitorId: t.monitor.id, expiresAt: short.notAfter, thresholdDays: 7 })),
    );
    expect(raced.filter(Boolean)).toHaveLength(1);
    expect(await certRows(t.channel.id)).toHaveLength(1); // the outbox key absorbed the repeat

    // Renewed (a new notAfter, still short): its own alert.
    const renewed = await tlsServer(5);
    await db.update(monitors).set({ url: renewed.url }).where(eq(monitors.id, t.monitor.id));
    await check(t.monitor.id);
    const after = await certRows(t.channel.id);
    expect(after).toHaveLength(2);
    expect(after.map((r) => (r.payload as { expiresAt: string }).expiresAt).sort()).toEqual(
      [short.notAfter.toISOString(), renewed.notAfter.toISOString()].sort(),
    );
  });

  it("a long-lived certificate, a muted monitor, or no thresholds: no alert", async () => {
    const long = await tlsServer(90);
    const a = await httpsMonitor(long.url);
    await check(a.monitor.id);
    expect(await certRows(a.channel.id)).toHaveLength(0);
    expect((await db.select().from(monitors).where(eq(monitors.id, a.monitor.id)))[0].tlsExpiresAt).toEqual(long.notAfter);
    const short = await tlsServer(2);
    const muted = await httpsMonitor(short.url, { muted: true });
    const none = await httpsMonitor(short.url, { tlsExpiryAlertDays: [] });
    await check(muted.monitor.id);
    await check(none.monitor.id);
    expect(await certRows(muted.channel.id)).toHaveLength(0);
    expect(await certRows(none.channel.id)).toHaveLength(0);
  });
});
