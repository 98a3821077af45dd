import { readFileSync } from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { siteCtx } from "@/lib/context";
import { closeDb, db } from "@/lib/db/client";
import { monitors } from "@/lib/db/schema";
import { ForbiddenError, ValidationError } from "@/lib/errors";
import { createMonitor, listMonitors } from "@/lib/monitors";
import { QuotaExceededError, setWorkspaceQuotas } from "@/lib/quotas/quotas";
import { closeRedis } from "@/lib/redis/client";
import { createTestUser, userCtx, viewerCtx } from "@/tests/factories";
import { importUptimeKuma } from "./import";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

const FIXTURE = readFileSync(path.join(import.meta.dirname, "fixture.kuma-backup.json"), "utf8");

async function monitorCount(workspaceId: string): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(monitors).where(eq(monitors.workspaceId, workspaceId));
  return n;
}

async function rowsByName(workspaceId: string) {
  const rows = await db.select().from(monitors).where(eq(monitors.workspaceId, workspaceId));
  return new Map(rows.map((r) => [r.name, r]));
}

/** A minimal Kuma monitor in its export shape. */
const kumaHttp = (i: number) => ({
  id: i,
  name: `site ${i}`,
  type: "http",
  url: `https://s${i}.example.com/`,
  method: "GET",
  interval: 60,
  timeout: 48,
  maxretries: 0,
  active: true,
  accepted_statuscodes: ["200-299"],
});

describe("importUptimeKuma", () => {
  it("imports the fixture: supported kinds created with their settings, the rest listed with reasons", async () => {
    const t = await createTestUser();
    const ctx = userCtx(db, t.workspaceId);
    const result = await importUptimeKuma(ctx, FIXTURE);
    const skipped = Object.fromEntries(result.skipped.map((s) => [s.name, s.reason]));

    // Unsupported Kuma types and upside-down mode are listed, never half-imported.
    expect(skipped["Office router"]).toMatch(/ping checks aren't available/i);
    expect(skipped["Redis container"]).toMatch(/docker/i);
    expect(skipped["CS server"]).toMatch(/game server/i);
    expect(skipped["Production"]).toMatch(/groups aren't monitors/i);
    expect(skipped["Maintenance banner"]).toMatch(/upside-down/i);
    expect(result.created).toBe(result.monitors.length);
    expect(result.created + result.skipped.length).toBe(17);
    expect(await monitorCount(t.workspaceId)).toBe(result.created);

    const rows = await rowsByName(t.workspaceId);
    const site = rows.get("Marketing site")!;
    expect(site).toMatchObject({
      type: "http",
      url: "https://www.example.com/",
      method: "GET",
      intervalSeconds: 60,
      timeoutSeconds: 48,
      expectedStatus: "200-299,301",
      verifyTls: false,
      followRedirects: false,
      failureThreshold: 3,
      remindEveryMinutes: 10,
      paused: false,
    });
    expect(site.headers).toEqual({ "X-Env": "prod", "Accept-Language": "en" });

    expect(rows.get("Shop has checkout")).toMatchObject({
      keyword: "Add to cart",
      keywordMode: "present",
      intervalSeconds: 120,
      timeoutSeconds: 30,
      failureThreshold: 10,
    });
    expect(result.monitors.find((m) => m.name === "Shop has checkout")?.notes?.[0]).toMatch(/10 failed checks/);
    expect(rows.get("Status page not erroring")).toMatchObject({ keyword: "Internal Server Error", keywordMode: "absent" });

    // Basic auth becomes the header Kuma would have sent.
    expect(rows.get("Admin area")!.headers).toEqual({ Authorization: `Basic ${Buffer.from("ops:s3cret").toString("base64")}` });

    // A paused Kuma monitor arrives paused, with its pause on record.
    const paused = rows.get("Old landing page")!;
    expect(paused.paused).toBe(true);
    expect(paused.pauseHistory).toHaveLength(1);
    expect(paused.pauseHistory[0].end).toBeNull();
    expect(result.monitors.find((m) => m.name === "Old landing page")?.paused).toBe(true);

    // Push → heartbeat with a new ping URL (Kuma's token is not reused).
    const backup = rows.get("Nightly backup")!;
    expect(backup).toMatchObject({ type: "heartbeat", periodSeconds: 86_400, graceSeconds: 3600 });
    expect(backup.pingToken).toBeTruthy();
    expect(backup.pingToken).not.toBe("Uq1rKZ0mWVbR7sTq");
    const listed = result.monitors.find((m) => m.name === "Nightly backup")!;
    expect(listed.pingUrl).toMatch(new RegExp(`/ping/${backup.pingToken}$`));
  });

  it("port → tcp, dns → dns, json-query → http with a JSON assertion, real-browser → browser", async () => {
    const t = await createTestUser();
    const result = await importUptimeKuma(userCtx(db, t.workspaceId), FIXTURE);
    const rows = await rowsByName(t.workspaceId);
    expect(rows.get("Postgres port")).toMatchObject({ type: "tcp", intervalSeconds: 30, timeoutSeconds: 24, settings: { host: "db.example.com", port: 5432 } });
    expect(rows.get("Apex A record")).toMatchObject({ type: "dns", settings: { hostname: "example.com", recordType: "A", resolver: "1.1.1.1" } });
    // A resolver given as a name can't be used (it would need a resolver itself): the worker's, with a note.
    expect(rows.get("Mail MX record")).toMatchObject({ type: "dns", intervalSeconds: 300, settings: { recordType: "MX", resolver: null } });
    expect(result.monitors.find((m) => m.name === "Mail MX record")?.notes).toEqual([expect.stringMatching(/dns\.google is not an IP address/)]);
    const api = rows.get("API health (JSON)")!;
    expect(api).toMatchObject({ type: "http", method: "POST", body: '{"deep": true}', headers: { "Content-Type": "application/json" } });
    expect(api.settings).toMatchObject({ assertions: [{ source: "json", property: "$.checks.database.status", op: "eq", value: "ok" }] });
    // real-browser → browser, at most once a minute, the page's time as Kuma gave it (80 % of its interval).
    expect(rows.get("Checkout renders")).toMatchObject({
      type: "browser",
      url: "https://shop.example.com/checkout",
      intervalSeconds: 60,
      timeoutSeconds: 16,
      settings: { waitForSelector: null, waitForText: null },
    });
    expect(rows.get("Docs site renders")).toMatchObject({ type: "browser", intervalSeconds: 600, timeoutSeconds: 120, remindEveryMinutes: 30 });
    expect(result.created).toBe(12);
    expect(result.skipped.map((s) => s.name)).toEqual(["Office router", "Redis container", "CS server", "Production", "Maintenance banner"]);
  });

  it("a file that isn't JSON, or JSON that isn't a Kuma backup, is refused whole", async () => {
    const t = await createTestUser();
    const ctx = userCtx(db, t.workspaceId);
    await expect(importUptimeKuma(ctx, "version: 1\nmonitorList: []")).rejects.toThrow(/isn't valid JSON/);
    await expect(importUptimeKuma(ctx, JSON.stringify([kumaHttp(1)]))).rejects.toThrow(/isn't an Uptime Kuma backup/);
    await expect(importUptimeKuma(ctx, JSON.stringify({ monitors: [kumaHttp(1)] }))).rejects.toBeInstanceOf(ValidationError);
    expect(await monitorCount(t.workspaceId)).toBe(0);
  });

  it("a 10,000-monitor file is refused at once with the limit named, and nothing is created", async () => {
    const t = await createTestUser();
    const huge = JSON.stringify({ version: "1.23.16", notificationList: [], monitorList: Array.from({ length: 10_000 }, (_, i) => kumaHttp(i)) });
    const started = performance.now();
    await expect(importUptimeKuma(userCtx(db, t.workspaceId), huge)).rejects.toThrow(/lists 10,000 monitors; an import takes at most 1,000/);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await monitorCount(t.workspaceId)).toBe(0);
  });

  it("past the monitor quota nothing is created; another workspace's monitors are untouched", async () => {
    const other = await createTestUser();
    const theirs = await createMonitor(userCtx(db, other.workspaceId), { type: "http", name: "theirs", url: "https://theirs.example.com" });
    const t = await createTestUser();
    const ctx = userCtx(db, t.workspaceId);
    await createMonitor(ctx, { type: "http", name: "already here", url: "https://here.example.com" });
    await setWorkspaceQuotas(siteCtx(db), t.workspaceId, { monitors: 3 });
    const file = JSON.stringify({ version: "1.23.16", notificationList: [], monitorList: [kumaHttp(1), kumaHttp(2), kumaHttp(3)] });
    const err = await importUptimeKuma(ctx, file).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(QuotaExceededError);
    expect((err as Error).message).toMatch(/bring the workspace to 4 monitors; its quota is 3 \(2 more fit\)/);
    expect(await monitorCount(t.workspaceId)).toBe(1);

    await setWorkspaceQuotas(siteCtx(db), t.workspaceId, { monitors: 4 });
    expect((await importUptimeKuma(ctx, file)).created).toBe(3);
    expect(await monitorCount(t.workspaceId)).toBe(4);
    const mine = await listMonitors(ctx, {});
    expect(mine.monitors.map((m) => m.id)).not.toContain(theirs.id);
    // The other workspace still has exactly its one monitor, unchanged.
    expect((await rowsByName(other.workspaceId)).get("theirs")).toMatchObject({ id: theirs.id, url: "https://theirs.example.com" });
    expect(await monitorCount(other.workspaceId)).toBe(1);
  });

  it("a viewer can't import", async () => {
    const t = await createTestUser();
    await expect(importUptimeKuma(viewerCtx(db, t.workspaceId), FIXTURE)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await monitorCount(t.workspaceId)).toBe(0);
  });

  it("a monitor the domain refuses is listed with the field's message while the others are created", async () => {
    const t = await createTestUser();
    const bad = { ...kumaHttp(2), name: "bad codes", accepted_statuscodes: ["200-299", "abc"] };
    const file = JSON.stringify({ version: "1.23.16", notificationList: [], monitorList: [kumaHttp(1), bad, "not a monitor"] });
    const result = await importUptimeKuma(userCtx(db, t.workspaceId), file);
    expect(result.created).toBe(1);
    expect(result.skipped).toEqual([
      { name: "bad codes", reason: expect.stringMatching(/"abc" is not a status code/) },
      { name: "Monitor #3", reason: expect.stringMatching(/Not a monitor entry/) },
    ]);
  });
});
