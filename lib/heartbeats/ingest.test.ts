import type { AddressInfo } from "node:net";
import IORedis from "ioredis";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../db/client";
import { heartbeatPings, monitors } from "../db/schema";
import { closeRedis, createKeyValue, kv } from "../redis/client";
import { createTestUser } from "../../tests/factories";
import { tokenKey, warmKey, warmPingTokenCache } from "./cache";
import { onHeartbeatMonitorChange } from "./on-monitor-change";
import { PingConsumer } from "./consumer";
import type { IngestDeps } from "./ingest";
import { createIngestServer } from "./server";
import { createHeartbeatMonitor, waitFor } from "./testing";
import { generatePingToken } from "./token";
import { env } from "../env";

// The test plays one trusted load balancer: its X-Forwarded-For is the client's address.
env.TRUST_PROXY_HOPS = 1;
let base = "";
let dbLookups = 0;
const deps: IngestDeps = { kv: kv(), db: () => db, onDbQuery: () => dbLookups++, limits: { perIp: 100_000, perToken: 1000 } };
const server = createIngestServer(deps);
const consumerRedis = new IORedis(env.REDIS_URL, { maxRetriesPerRequest: null });
const consumer = new PingConsumer({ db, redis: consumerRedis, consumer: `ingest-test-${process.pid}`, claimIdleMs: 2000, blockMs: 200 });
let workspaceId = "";

/** The rate limits use fixed one-minute windows: don't start a count right before a window rolls over. */
async function avoidWindowEdge() {
  const intoWindow = Date.now() % 60_000;
  if (intoWindow > 57_000) await new Promise((r) => setTimeout(r, 60_000 - intoWindow + 50));
}

const ping = (path: string, init: RequestInit & { ip?: string } = {}) =>
  fetch(`${base}${path}`, { ...init, headers: { "x-forwarded-for": init.ip ?? "198.51.100.7", "user-agent": "curl/8.5", ...(init.headers ?? {}) } });

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  workspaceId = (await createTestUser()).workspaceId;
  consumer.start();
});

afterAll(async () => {
  server.close();
  await consumer.close();
  await closeDb();
  await closeRedis();
});

describe("ping ingest (lean server)", () => {
  it("accepts GET, POST and HEAD, and the ping is stored with IP, user agent and body", async () => {
    const m = await createHeartbeatMonitor(workspaceId);
    expect((await ping(`/ping/${m.pingToken}`)).status).toBe(200);
    expect((await ping(`/ping/${m.pingToken}`, { method: "HEAD" })).status).toBe(200);
    const res = await ping(`/ping/${m.pingToken}`, { method: "POST", body: "backup done: 42 files" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("OK\n");
    const rows = await waitFor(async () => {
      const r = await db.select().from(heartbeatPings).where(eq(heartbeatPings.monitorId, m.id));
      return r.length === 3 && r;
    });
    const withBody = rows.find((r) => r.body)!;
    expect(withBody).toMatchObject({ kind: "success", sourceIp: "198.51.100.7", userAgent: "curl/8.5", body: "backup done: 42 files", bodyTruncated: false });
    expect(withBody.ingestId).toMatch(/^\d+-\d+$/);
  });

  it("believes no X-Forwarded-For without a trusted proxy: a client can't pick its own address", async () => {
    const m = await createHeartbeatMonitor(workspaceId);
    env.TRUST_PROXY_HOPS = 0;
    try {
      expect((await ping(`/ping/${m.pingToken}`, { ip: "203.0.113.50" })).status).toBe(200);
    } finally {
      env.TRUST_PROXY_HOPS = 1;
    }
    const [row] = await waitFor(async () => {
      const r = await db.select().from(heartbeatPings).where(eq(heartbeatPings.monitorId, m.id));
      return r.length === 1 && r;
    });
    expect(row.sourceIp).toBe("127.0.0.1");
  });

  it("keeps 10 KB of a larger body and flags it truncated", async () => {
    const m = await createHeartbeatMonitor(workspaceId);
    const res = await ping(`/ping/${m.pingToken}/fail`, { method: "POST", body: "x".repeat(50_000) });
    expect(res.status).toBe(200);
    const [row] = await waitFor(async () => {
      const r = await db.select().from(heartbeatPings).where(eq(heartbeatPings.monitorId, m.id));
      return r.length === 1 && r;
    });
    expect(row.body).toHaveLength(10 * 1024);
    expect(row.bodyTruncated).toBe(true);
    expect(row.kind).toBe("fail");
  });

  it("exit codes: 0 is success, 1-255 failure, anything else 400", async () => {
    const m = await createHeartbeatMonitor(workspaceId);
    expect((await ping(`/ping/${m.pingToken}/0`)).status).toBe(200);
    expect((await ping(`/ping/${m.pingToken}/255`)).status).toBe(200);
    expect((await ping(`/ping/${m.pingToken}/256`)).status).toBe(400);
    expect((await ping(`/ping/${m.pingToken}/-1`)).status).toBe(400);
    expect((await ping(`/ping/${m.pingToken}/1.5`)).status).toBe(400);
    expect((await ping(`/ping/${m.pingToken}/bogus`)).status).toBe(400);
    const rows = await waitFor(async () => {
      const r = await db.select().from(heartbeatPings).where(eq(heartbeatPings.monitorId, m.id));
      return r.length === 2 && r;
    });
    expect(rows.map((r) => [r.kind, r.exitCode]).sort()).toEqual([
      ["fail", 255],
      ["success", 0],
    ]);
  });

  it("other methods are 405 with Allow", async () => {
    const m = await createHeartbeatMonitor(workspaceId);
    for (const method of ["PUT", "DELETE", "PATCH"]) {
      const res = await ping(`/ping/${m.pingToken}`, { method });
      expect(res.status).toBe(405);
      expect(res.headers.get("allow")).toBe("GET, POST, HEAD");
    }
  });

  it("unknown token: 404 without a DB query once the cache is warm; a cold miss queries once, then the negative cache answers", async () => {
    await warmPingTokenCache(db, kv());
    const before = dbLookups;
    for (let i = 0; i < 5; i++) expect((await ping(`/ping/${generatePingToken()}`)).status).toBe(404);
    expect(dbLookups).toBe(before);
    // Cold cache (e.g. Redis was flushed): one lookup fills the negative cache, repeats cost nothing.
    await kv().del(warmKey());
    const unknown = generatePingToken();
    expect((await ping(`/ping/${unknown}`)).status).toBe(404);
    const afterFirst = dbLookups;
    expect(afterFirst).toBe(before + 1);
    for (let i = 0; i < 5; i++) expect((await ping(`/ping/${unknown}`)).status).toBe(404);
    expect(dbLookups).toBe(afterFirst);
    await warmPingTokenCache(db, kv());
  });

  it("cold cache: a monitor missing from the cache is found in the DB once, then served from Redis", async () => {
    await kv().del(warmKey());
    const m = await createHeartbeatMonitor(workspaceId, { sync: false });
    const before = dbLookups;
    expect((await ping(`/ping/${m.pingToken}`)).status).toBe(200);
    expect((await ping(`/ping/${m.pingToken}`)).status).toBe(200);
    expect(dbLookups).toBe(before + 1);
    await warmPingTokenCache(db, kv());
  });

  it("the token cache follows the monitor: paused, new token, deleted (no DB query on the ping path)", async () => {
    await warmPingTokenCache(db, kv());
    const m = await createHeartbeatMonitor(workspaceId);
    const before = dbLookups;
    await db.update(monitors).set({ paused: true }).where(eq(monitors.id, m.id));
    await onHeartbeatMonitorChange(db, kv(), m.id, "paused");
    expect(await kv().get(tokenKey(m.pingToken!))).toBe(`${m.id}|${workspaceId}|1`);
    expect((await ping(`/ping/${m.pingToken}`)).status).toBe(200); // recorded, state untouched while paused
    const fresh = generatePingToken();
    await db.update(monitors).set({ pingToken: fresh, paused: false }).where(eq(monitors.id, m.id));
    await onHeartbeatMonitorChange(db, kv(), m.id, "updated");
    expect((await ping(`/ping/${m.pingToken}`)).status).toBe(404);
    expect((await ping(`/ping/${fresh}`)).status).toBe(200);
    await db.delete(monitors).where(eq(monitors.id, m.id));
    await onHeartbeatMonitorChange(db, kv(), m.id, "deleted");
    expect((await ping(`/ping/${fresh}`)).status).toBe(404);
    expect(dbLookups).toBe(before);
  });

  it("malformed tokens are rejected without touching Redis or the DB", async () => {
    const before = dbLookups;
    for (const t of ["short", "has%20space-in-it-xxxxxxxx", "a".repeat(65), "bad!chars!here!xxxxxx"]) {
      expect((await ping(`/ping/${t}`)).status).toBe(404);
    }
    expect(dbLookups).toBe(before);
  });

  it("a flood from one IP gets 429 with Retry-After; another IP is unaffected", async () => {
    const m = await createHeartbeatMonitor(workspaceId);
    await avoidWindowEdge();
    const tight = createIngestServer({ ...deps, limits: { perIp: 10, perToken: 1000 } });
    await new Promise<void>((r) => tight.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(tight.address() as AddressInfo).port}/ping/${m.pingToken}`;
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}`;
    const statuses = await Promise.all(Array.from({ length: 15 }, () => fetch(url, { headers: { "x-forwarded-for": ip } }).then((r) => r)));
    expect(statuses.filter((r) => r.status === 200)).toHaveLength(10);
    const limited = statuses.filter((r) => r.status === 429);
    expect(limited).toHaveLength(5);
    expect(Number(limited[0].headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await fetch(url, { headers: { "x-forwarded-for": `198.18.${Math.floor(Math.random() * 250)}.1` } })).status).toBe(200);
    tight.close();
  });

  it("too many pings for one token get 429", async () => {
    const m = await createHeartbeatMonitor(workspaceId);
    await avoidWindowEdge();
    const tight = createIngestServer({ ...deps, limits: { perIp: 1000, perToken: 3 } });
    await new Promise<void>((r) => tight.listen(0, "127.0.0.1", r));
    const url = `http://127.0.0.1:${(tight.address() as AddressInfo).port}/ping/${m.pingToken}`;
    const codes = [];
    // Its own source IP: the per-IP counters are shared with the other test files' pings from 127.0.0.1.
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}`;
    for (let i = 0; i < 5; i++) codes.push((await fetch(url, { headers: { "x-forwarded-for": ip } })).status);
    expect(codes).toEqual([200, 200, 200, 429, 429]);
    tight.close();
  });

  it("Redis unreachable: 503 with Retry-After, never a false 200", async () => {
    const dead = new IORedis("redis://127.0.0.1:1", { lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    dead.on("error", () => {});
    const down = createIngestServer({ kv: createKeyValue({ redis: dead }), db: () => db });
    await new Promise<void>((r) => down.listen(0, "127.0.0.1", r));
    const res = await fetch(`http://127.0.0.1:${(down.address() as AddressInfo).port}/ping/${generatePingToken()}`);
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("1");
    down.close();
    dead.disconnect();
  });
});

describe("ping ingest (Next route handler)", () => {
  it("serves the same contract through app/ping/[token] and app/ping/[token]/[kind]", async () => {
    const m = await createHeartbeatMonitor(workspaceId);
    const single = await import("../../app/ping/[token]/route");
    const withKind = await import("../../app/ping/[token]/[kind]/route");
    const req = (method: string, path: string) => new Request(`http://x${path}`, { method, headers: { "x-forwarded-for": "198.51.100.9" } });
    expect((await single.GET(req("GET", `/ping/${m.pingToken}`), { params: Promise.resolve({ token: m.pingToken! }) })).status).toBe(200);
    expect((await withKind.GET(req("GET", `/ping/${m.pingToken}/start`), { params: Promise.resolve({ token: m.pingToken!, kind: "start" }) })).status).toBe(
      200,
    );
    expect((await withKind.GET(req("GET", `/ping/${m.pingToken}/300`), { params: Promise.resolve({ token: m.pingToken!, kind: "300" }) })).status).toBe(400);
    expect((await single.GET(req("GET", "/ping/x"), { params: Promise.resolve({ token: generatePingToken() }) })).status).toBe(404);
    const res = single.PUT();
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe("GET, POST, HEAD");
  });
});
