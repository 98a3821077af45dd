import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { expect, test } from "@playwright/test";
import { systemCtx } from "../lib/context";
import { db } from "../lib/db/client";
import { createMonitor } from "../lib/monitors";
import { createStatusPage } from "../lib/status-pages/save-status-page";
import { startTcpProxy } from "../tests/tcp-proxy";
import { seedMonitorHistory } from "./support-seed";
import { createUser } from "./support";

/**
 * The web server (server.ts, the same production build as the other specs) with its Postgres and Redis
 * behind proxies the test cuts: people read a status page exactly when things are down, and a cron job's
 * ping must never get a 200 for a ping that wasn't kept.
 */
const ROOT = path.resolve(import.meta.dirname, "..");
const OUTAGE_MS = 15_000;

test("status page keeps answering through a Postgres + Redis outage; pings get 503 until Redis is back", async () => {
  test.setTimeout(120_000);
  const owner = await createUser();
  const seeded = await seedMonitorHistory(owner.email, { name: "checkout-internal", url: "https://checkout.internal.example/" });
  const slug = `outage-${Date.now().toString(36)}`;
  await createStatusPage(systemCtx(db, seeded.workspaceId), {
    slug,
    title: "Outage drill",
    monitors: [{ monitorId: seeded.monitorId, displayName: "Checkout" }],
  });
  const heartbeat = await createMonitor(systemCtx(db, seeded.workspaceId), {
    type: "heartbeat",
    name: "Nightly backup",
    periodSeconds: 3600,
    graceSeconds: 600,
  });

  const pg = await startTcpProxy(Number(new URL(process.env.DATABASE_URL!).port || 5432));
  const redis = await startTcpProxy(Number(new URL(process.env.REDIS_URL ?? "redis://127.0.0.1:6379").port || 6379));
  const dbUrl = new URL(process.env.DATABASE_URL!);
  dbUrl.host = `127.0.0.1:${pg.port}`;
  const port = Number(process.env.E2E_PORT) + 50;
  const base = `http://127.0.0.1:${port}`;
  let server: ChildProcess | null = null;
  try {
    server = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: dbUrl.toString(),
        REDIS_URL: `redis://127.0.0.1:${redis.port}`,
        NEXT_DIST_DIR: ".next-e2e",
        NODE_ENV: "production",
        PORT: String(port),
        LISTEN_HOST: "127.0.0.1",
        STATUS_CACHE_FRESH_SECONDS: "1", // refreshes through Next (and its caches) every second
        LOG_LEVEL: "silent",
      },
      stdio: "ignore",
    });
    await expect.poll(async () => (await fetch(`${base}/status/${slug}`).catch(() => null))?.status, { timeout: 60_000 }).toBe(200);
    const ping = () =>
      fetch(`${base}/ping/${heartbeat.pingToken}`).then(
        (r) => r.status,
        () => 0,
      );
    expect(await ping()).toBe(200);

    pg.cut();
    redis.cut();
    const statuses: number[] = [];
    const pings: number[] = [];
    for (const until = Date.now() + OUTAGE_MS; Date.now() < until;) {
      const res = await fetch(`${base}/status/${slug}`);
      statuses.push(res.status);
      expect(await res.text()).toContain("Outage drill");
      pings.push(await ping());
      await new Promise((r) => setTimeout(r, 1_000));
    }
    expect(statuses.length).toBeGreaterThanOrEqual(10);
    expect(new Set(statuses)).toEqual(new Set([200]));
    // Not one ping acknowledged while it couldn't be kept; each 503 tells the client to retry.
    expect(new Set(pings)).toEqual(new Set([503]));

    await Promise.all([pg.restore(), redis.restore()]);
    await expect.poll(ping, { timeout: 15_000 }).toBe(200);
  } finally {
    server?.kill("SIGTERM");
    await Promise.all([pg.close(), redis.close()]);
  }
});
