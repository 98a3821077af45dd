import http from "node:http";
import type { AddressInfo } from "node:net";
import IORedis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, createDb, db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { createResponseCache, type ResponseCache } from "@/lib/http/response-cache";
import { openIncident } from "@/lib/incidents/open-incident";
import { deleteMonitor } from "@/lib/monitors/delete-monitor";
import { setPaused } from "@/lib/monitors/set-paused";
import { writeResultBatch } from "@/lib/results/write-batch";
import { resolveIncident } from "@/lib/incidents/resolve-incident";
import { closeRedis } from "@/lib/redis/client";
import { insertMonitor } from "@/lib/rollups/seed";
import { createTestUser, userCtx } from "@/tests/factories";
import { startTcpProxy } from "@/tests/tcp-proxy";
import { createPublicStatusCache, type PublicStatusCache } from "./cache";
import { followStatusPageChanges } from "./change-feed";
import { labelStaleStatusPage } from "./page-text";
import { publicStatusPrefix } from "./public-paths";
import { createStatusPage } from "./save-status-page";

/**
 * The freshness rule end to end, below Next: a "web instance" here is what server.ts puts together (response
 * cache with the freshness bound and the stale label, DTO cache, change-feed subscription), served over real
 * HTTP, with a minimal HTML render standing in for Next's. Incidents go through openIncident/resolveIncident,
 * the functions the fleet calls. The real Next page is covered by e2e/status-freshness.spec.ts.
 */
type Instance = { url: string; dto: PublicStatusCache; responses: ResponseCache; close(): Promise<void> };
const opened: Instance[] = [];

async function startInstance(opts: { freshMs: number; maxAgeMs: number; dataFreshMs: number; db?: () => typeof db; follow?: boolean }): Promise<Instance> {
  const dto = createPublicStatusCache({ db: opts.db, freshMs: opts.dataFreshMs });
  const responses = createResponseCache({
    fetchOrigin: async (path) => {
      const slug = path.split("/")[2];
      try {
        const page = await dto.get(slug);
        if (!page) return { status: 404, headers: { "content-type": "text/html" }, body: Buffer.from("not found") };
        const monitors = page.groups.flatMap((g) => g.monitors.map((m) => m.status)).join(",");
        const html = `<main><p id="sp-stale" data-at="${page.generatedAt}" hidden=""></p><section data-overall="${page.overall}" data-monitors="${monitors}">${page.overall}</section></main>`;
        return { status: 200, headers: { "content-type": "text/html; charset=utf-8", "cache-control": "private, no-store" }, body: Buffer.from(html) };
      } catch {
        return { status: 500, headers: { "content-type": "text/plain" }, body: Buffer.from("error") };
      }
    },
    freshMs: opts.freshMs,
    staleMs: opts.maxAgeMs,
    staleIfErrorMs: 3_600_000,
    labelStale: labelStaleStatusPage,
    cacheControl: "public, no-cache",
    errorBackoffMs: 500,
  });
  const server = http.createServer((req, res) => void responses.serve(req.url!, req, res));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const subscriber = new IORedis(env.REDIS_URL);
  if (opts.follow !== false) {
    await followStatusPageChanges(
      subscriber,
      (slug) => (dto.forget(slug), responses.invalidate(publicStatusPrefix(slug))),
      (id) => {
        for (const slug of dto.forgetMonitor(id)) responses.invalidate(publicStatusPrefix(slug));
      },
    );
  }
  const instance = {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    dto,
    responses,
    close: async () => {
      subscriber.disconnect();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    },
  };
  opened.push(instance);
  return instance;
}

async function visit(instance: Instance, slug: string) {
  const res = await fetch(`${instance.url}/status/${slug}`);
  const body = await res.text();
  return {
    status: res.status,
    cache: res.headers.get("x-cache"),
    overall: /data-overall="(\w+)"/.exec(body)?.[1],
    monitors: /data-monitors="([\w,]*)"/.exec(body)?.[1],
    stale: body.includes("live data temporarily unavailable"),
    body,
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let ws: string;

beforeAll(async () => {
  ws = (await createTestUser()).workspaceId;
});
afterAll(async () => {
  for (const i of opened) await i.close();
  await closeDb();
  await closeRedis();
});

async function pageWithMonitor(label: string, status: "up" | "pending" = "up") {
  const monitor = await insertMonitor(db, { workspaceId: ws, name: label, status });
  const slug = `${label}-${Math.random().toString(36).slice(2, 8)}`;
  await createStatusPage(userCtx(db, ws), { slug, title: "Acme", monitors: [{ monitorId: monitor.id, displayName: "API" }] });
  return { monitor, slug };
}

describe("status page freshness", () => {
  it("shows a status change to the first visitor after an idle spell longer than every cache lifetime", async () => {
    // No change feed here: the bound alone must hold (a lost message, Upstash without subscriptions).
    const web = await startInstance({ freshMs: 300, maxAgeMs: 600, dataFreshMs: 300, follow: false });
    const { monitor, slug } = await pageWithMonitor("idle");
    expect((await visit(web, slug)).overall).toBe("operational");
    expect((await visit(web, slug)).cache).toBe("HIT");
    await sleep(1_000); // idle: past the response copy's bound and the DTO's (memo and shared) lifetimes
    const changedAt = Date.now();
    await openIncident(db, { workspaceId: ws, monitorId: monitor.id, cause: "down", regions: ["eu"] });
    const first = await visit(web, slug);
    expect(first.overall).toBe("major");
    expect(first.stale).toBe(false);
    expect(Date.now() - changedAt).toBeLessThan(10_000);
  });

  it("drops every instance's copies when a monitor changes status, long before their lifetimes end", async () => {
    const lifetimes = { freshMs: 60_000, maxAgeMs: 60_000, dataFreshMs: 60_000 };
    const a = await startInstance(lifetimes);
    const b = await startInstance(lifetimes);
    const { monitor, slug } = await pageWithMonitor("fleet");
    expect((await visit(a, slug)).overall).toBe("operational");
    expect((await visit(b, slug)).overall).toBe("operational");
    expect((await visit(b, slug)).cache).toBe("HIT");

    const t0 = Date.now();
    await openIncident(db, { workspaceId: ws, monitorId: monitor.id, cause: "down", regions: ["eu"] });
    await expect
      .poll(async () => [(await visit(a, slug)).overall, (await visit(b, slug)).overall], { timeout: 5_000, interval: 50 })
      .toEqual(["major", "major"]);
    const openedIn = Date.now() - t0;

    await resolveIncident(db, { monitorId: monitor.id });
    await expect
      .poll(async () => [(await visit(a, slug)).overall, (await visit(b, slug)).overall], { timeout: 5_000, interval: 50 })
      .toEqual(["operational", "operational"]);
    expect(openedIn).toBeLessThan(2_000);
  });

  it("drops warmed copies at once when a monitor is paused or resumed (no incident involved)", async () => {
    const lifetimes = { freshMs: 60_000, maxAgeMs: 60_000, dataFreshMs: 60_000 };
    const a = await startInstance(lifetimes);
    const b = await startInstance(lifetimes);
    const { monitor, slug } = await pageWithMonitor("pause");
    expect((await visit(a, slug)).monitors).toBe("operational");
    expect(await visit(b, slug)).toMatchObject({ cache: "MISS", monitors: "operational" });
    expect((await visit(b, slug)).cache).toBe("HIT");

    const t0 = Date.now();
    await setPaused(userCtx(db, ws), monitor.id, true);
    await expect
      .poll(async () => [(await visit(a, slug)).monitors, (await visit(b, slug)).monitors], { timeout: 5_000, interval: 50 })
      .toEqual(["paused", "paused"]);
    expect(Date.now() - t0).toBeLessThan(2_000);

    // Resumed: pending until its first result, which the page shows as unknown.
    await setPaused(userCtx(db, ws), monitor.id, false);
    await expect.poll(async () => (await visit(b, slug)).monitors, { timeout: 5_000, interval: 50 }).toBe("unknown");
    // Another workspace can't pause it (and so announces nothing).
    const other = (await createTestUser()).workspaceId;
    await expect(setPaused(userCtx(db, other), monitor.id, true)).rejects.toThrow();
    expect((await visit(b, slug)).monitors).toBe("unknown");
  });

  it("drops warmed copies at once when a monitor the page lists is deleted", async () => {
    const lifetimes = { freshMs: 60_000, maxAgeMs: 60_000, dataFreshMs: 60_000 };
    const a = await startInstance(lifetimes);
    const b = await startInstance(lifetimes);
    const [gone, kept] = [
      await insertMonitor(db, { workspaceId: ws, name: "gone" }),
      await insertMonitor(db, { workspaceId: ws, name: "kept", status: "down" }),
    ];
    const slug = `deleted-${Math.random().toString(36).slice(2, 8)}`;
    const listed = [gone, kept].map((m, i) => ({ monitorId: m.id, displayName: `Service ${i}` }));
    await createStatusPage(userCtx(db, ws), { slug, title: "Acme", monitors: listed });
    expect((await visit(a, slug)).monitors).toBe("operational,outage");
    expect(await visit(b, slug)).toMatchObject({ cache: "MISS", monitors: "operational,outage" });
    expect((await visit(b, slug)).cache).toBe("HIT");

    const t0 = Date.now();
    await deleteMonitor(userCtx(db, ws), gone.id);
    await expect
      .poll(async () => [(await visit(a, slug)).monitors, (await visit(b, slug)).monitors], { timeout: 5_000, interval: 50 })
      .toEqual(["outage", "outage"]);
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it("drops warmed copies at once when a monitor's first result turns it from pending to up", async () => {
    const lifetimes = { freshMs: 60_000, maxAgeMs: 60_000, dataFreshMs: 60_000 };
    const web = await startInstance(lifetimes);
    const { monitor, slug } = await pageWithMonitor("first", "pending");
    expect((await visit(web, slug)).monitors).toBe("unknown");
    expect((await visit(web, slug)).cache).toBe("HIT");

    const t0 = Date.now();
    const result = {
      ok: true,
      startedAt: new Date(),
      statusCode: 200,
      latencyMs: 12,
      timings: { dnsMs: null, connectMs: null, tlsMs: null, ttfbMs: null, totalMs: 12 },
      errorClass: null,
      error: null,
      tlsExpiresAt: null,
    };
    const [outcome] = await writeResultBatch(db, [{ monitorId: monitor.id, region: "eu", scheduledAt: null, result, summary: null }]);
    expect(outcome.monitorStatus).toBe("up");
    await expect.poll(async () => (await visit(web, slug)).monitors, { timeout: 5_000, interval: 50 }).toBe("operational");
    expect(Date.now() - t0).toBeLessThan(2_000);
  });

  it("serves the last copy, labelled with its time, only while Postgres is unreachable", async () => {
    const url = new URL(env.DATABASE_URL);
    const proxy = await startTcpProxy(Number(url.port || 5432), url.hostname);
    url.host = `127.0.0.1:${proxy.port}`;
    const viaProxy = createDb(url.toString(), 2);
    try {
      const web = await startInstance({ freshMs: 200, maxAgeMs: 400, dataFreshMs: 200, db: () => viaProxy.db });
      const { slug } = await pageWithMonitor("cut");
      const warm = await visit(web, slug);
      expect(warm).toMatchObject({ status: 200, overall: "operational", stale: false });

      proxy.cut();
      await sleep(800); // longer than every lifetime
      const during = await visit(web, slug);
      expect(during).toMatchObject({ status: 200, cache: "STALE", overall: "operational", stale: true });
      expect(during.body).toMatch(/Status as of \d\d:\d\d UTC — live data temporarily unavailable/);
      expect(during.body).not.toContain('hidden=""');
      // Within the back-off every visitor gets the labelled copy at once, without waiting on the database.
      const t = Date.now();
      expect((await visit(web, slug)).stale).toBe(true);
      expect(Date.now() - t).toBeLessThan(200);

      await proxy.restore();
      await expect.poll(async () => (await visit(web, slug)).stale, { timeout: 10_000, interval: 100 }).toBe(false);
      expect((await visit(web, slug)).overall).toBe("operational");
    } finally {
      await proxy.close();
      await viaProxy.sql.end({ timeout: 1 });
    }
  });
});
