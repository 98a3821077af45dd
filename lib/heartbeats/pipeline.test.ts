import type { AddressInfo } from "node:net";
import IORedis from "ioredis";
import { Pool } from "undici";
import { and, count, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../db/client";
import { alertOutbox, heartbeatPings, incidents, monitors } from "../db/schema";
import { env } from "../env";
import { closeRedis, kv } from "../redis/client";
import { createTestUser } from "../../tests/factories";
import { PingConsumer, ensurePingGroup } from "./consumer";
import { createIngestServer } from "./server";
import { storePingBatch } from "./store-pings";
import { PING_GROUP, pingStreamKey } from "./stream";
import { sweepHeartbeatDeadlines } from "./sweep-deadlines";
import { createHeartbeatMonitor, waitFor } from "./testing";

let base = "";
const server = createIngestServer({ kv: kv(), db: () => db, limits: { perIp: 1_000_000, perToken: 1000 } });
const consumer = new PingConsumer({
  db,
  redis: new IORedis(env.REDIS_URL, { maxRetriesPerRequest: null }),
  consumer: `pipeline-${process.pid}`,
  claimIdleMs: 2000,
  blockMs: 200,
});
let workspaceId = "";
let sweeping = true;
let sweepLoop: Promise<void>;

const hit = (path: string, init?: RequestInit) => fetch(`${base}${path}`, init);
const monitor = async (id: string) => (await db.select().from(monitors).where(eq(monitors.id, id)))[0];
const openIncidents = (id: string) =>
  db
    .select()
    .from(incidents)
    .where(and(eq(incidents.monitorId, id), eq(incidents.status, "open")));

beforeAll(async () => {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  workspaceId = (await createTestUser()).workspaceId;
  consumer.start();
  // The fleet's per-second sweep, a bit faster here.
  sweepLoop = (async () => {
    while (sweeping) {
      await sweepHeartbeatDeadlines(db).catch(() => {});
      await new Promise((r) => setTimeout(r, 200));
    }
  })();
});

afterAll(async () => {
  sweeping = false;
  await sweepLoop;
  server.close();
  await consumer.close();
  await closeDb();
  await closeRedis();
});

describe("heartbeat monitors end to end (ingest → stream → batch writer → state → incidents)", () => {
  it("first success brings a monitor up and sets its deadline to period + grace", async () => {
    const m = await createHeartbeatMonitor(workspaceId, { periodSeconds: 300, graceSeconds: 60 });
    const t0 = Date.now();
    expect((await hit(`/ping/${m.pingToken}`)).status).toBe(200);
    const up = await waitFor(async () => {
      const r = await monitor(m.id);
      return r.status === "up" && r;
    });
    expect(up.lastPingKind).toBe("success");
    expect(up.deadlineAt!.getTime() - up.lastPingAt!.getTime()).toBe(360_000);
    expect(up.lastPingAt!.getTime()).toBeGreaterThanOrEqual(t0 - 5);
  });

  it("late: no ping within period + grace → down with an incident and alert rows; next success recovers", async () => {
    const m = await createHeartbeatMonitor(workspaceId, { periodSeconds: 1, graceSeconds: 1 });
    await hit(`/ping/${m.pingToken}`);
    await waitFor(async () => (await monitor(m.id)).status === "up");
    const down = await waitFor(async () => {
      const r = await monitor(m.id);
      return r.status === "down" && r;
    }, 10_000);
    expect(down.deadlineAt).toBeNull();
    const [inc] = await openIncidents(m.id);
    expect(inc.cause).toMatch(/No ping received since/);
    expect(inc.errorClass).toBe("late");
    // Detected within a few seconds of the deadline (period 1 s + grace 1 s after the ping).
    expect(Date.now() - down.lastPingAt!.getTime()).toBeLessThan(6_000);
    const rows = await db.select().from(alertOutbox).where(eq(alertOutbox.incidentId, inc.id));
    expect(rows.map((r) => r.event)).toEqual(["opened"]);
    await hit(`/ping/${m.pingToken}`);
    await waitFor(async () => (await monitor(m.id)).status === "up");
    expect(await openIncidents(m.id)).toHaveLength(0);
    const after = await db.select().from(alertOutbox).where(eq(alertOutbox.incidentId, inc.id));
    expect(after.map((r) => r.event).sort()).toEqual(["opened", "resolved"]);
  });

  it("/fail and a non-zero exit code bring it down at once; exit code 0 recovers", async () => {
    const m = await createHeartbeatMonitor(workspaceId, { periodSeconds: 3600, graceSeconds: 600 });
    await hit(`/ping/${m.pingToken}/fail`);
    await waitFor(async () => (await monitor(m.id)).status === "down");
    expect((await openIncidents(m.id))[0].cause).toBe("Job reported failure (/fail)");
    await hit(`/ping/${m.pingToken}/0`);
    await waitFor(async () => (await monitor(m.id)).status === "up");
    await hit(`/ping/${m.pingToken}/3`);
    await waitFor(async () => (await monitor(m.id)).status === "down");
    expect((await openIncidents(m.id))[0].cause).toBe("Job reported failure (exit code 3)");
  });

  it("start followed by success records the run's duration", async () => {
    const m = await createHeartbeatMonitor(workspaceId, { periodSeconds: 3600, graceSeconds: 600 });
    await hit(`/ping/${m.pingToken}/start`);
    await waitFor(async () => (await monitor(m.id)).runStartedAt);
    await new Promise((r) => setTimeout(r, 150));
    await hit(`/ping/${m.pingToken}`);
    const [done] = await waitFor(async () => {
      const r = await db
        .select()
        .from(heartbeatPings)
        .where(and(eq(heartbeatPings.monitorId, m.id), eq(heartbeatPings.kind, "success")));
      return r.length === 1 && r;
    });
    expect(done.durationMs).toBeGreaterThanOrEqual(150);
    expect((await monitor(m.id)).runStartedAt).toBeNull();
  });

  it("start without finish within grace → down (run timeout)", async () => {
    const m = await createHeartbeatMonitor(workspaceId, { periodSeconds: 3600, graceSeconds: 1 });
    await hit(`/ping/${m.pingToken}/start`);
    await waitFor(async () => (await monitor(m.id)).status === "down", 10_000);
    const [inc] = await openIncidents(m.id);
    expect(inc.cause).toMatch(/did not finish within its grace time/);
    expect(inc.errorClass).toBe("run-timeout");
  });

  it("burst: 2,000 concurrent pings over 200 monitors are all accepted and all stored", async () => {
    const ms = await Promise.all(Array.from({ length: 200 }, () => createHeartbeatMonitor(workspaceId, { periodSeconds: 3600, graceSeconds: 600 })));
    // 2,000 requests in flight at once over 100 keep-alive connections (as a load balancer would hold them).
    const pool = new Pool(base, { connections: 100 });
    const results = await Promise.all(
      ms.flatMap((m) =>
        Array.from({ length: 10 }, () => pool.request({ path: `/ping/${m.pingToken}`, method: "GET" }).then(async (r) => (await r.body.dump(), r.statusCode))),
      ),
    );
    await pool.close();
    expect(results.filter((s) => s === 200)).toHaveLength(2000);
    const ids = ms.map((m) => m.id);
    await waitFor(async () => {
      const [{ n }] = await db.select({ n: count() }).from(heartbeatPings).where(inArray(heartbeatPings.monitorId, ids));
      return Number(n) === 2000;
    }, 30_000);
    const perMonitor = await Promise.all(
      ids.slice(0, 20).map(async (id) => (await db.select({ n: count() }).from(heartbeatPings).where(eq(heartbeatPings.monitorId, id)))[0].n),
    );
    expect(perMonitor.every((n) => Number(n) === 10)).toBe(true);
  });

  it("a batch delivered twice (worker died before XACK) is stored once and applied once", async () => {
    const m = await createHeartbeatMonitor(workspaceId, { periodSeconds: 3600, graceSeconds: 600 });
    const now = Date.now();
    const entries = [
      {
        id: `${now}-900`,
        ping: {
          monitorId: m.id,
          workspaceId,
          kind: "fail" as const,
          exitCode: 2,
          receivedAt: now,
          sourceIp: null,
          userAgent: null,
          body: null,
          bodyTruncated: false,
        },
      },
    ];
    expect(await storePingBatch(db, entries)).toEqual({ stored: 1, skipped: 0 });
    expect(await storePingBatch(db, entries)).toEqual({ stored: 0, skipped: 1 });
    expect(await db.select().from(heartbeatPings).where(eq(heartbeatPings.monitorId, m.id))).toHaveLength(1);
    expect(await db.select().from(incidents).where(eq(incidents.monitorId, m.id))).toHaveLength(1);
  });

  it("entries read by a consumer that died are taken over (XAUTOCLAIM) and stored", async () => {
    const m = await createHeartbeatMonitor(workspaceId, { periodSeconds: 3600, graceSeconds: 600 });
    const r = new IORedis(env.REDIS_URL);
    await ensurePingGroup(r);
    const p = JSON.stringify({ kind: "success", exitCode: null, receivedAt: Date.now(), sourceIp: null, userAgent: null, body: null, bodyTruncated: false });
    // XADD + XREADGROUP in one MULTI: the "dead" consumer surely holds the entry, and then never acks it.
    const replies = await r
      .multi()
      .xadd(pingStreamKey(), "*", "c", `${m.id}|${workspaceId}|0`, "p", p)
      .call("XREADGROUP", "GROUP", PING_GROUP, "dead-consumer", "COUNT", "1", "STREAMS", pingStreamKey(), ">")
      .exec();
    const id = replies![0][1] as string;
    const read = replies![1][1] as [string, [string, string[]][]][];
    expect(read[0][1][0][0]).toBe(id);
    r.disconnect();
    const [row] = await waitFor(async () => {
      const rows = await db.select().from(heartbeatPings).where(eq(heartbeatPings.monitorId, m.id));
      return rows.length === 1 && rows;
    }, 15_000);
    expect(row.ingestId).toBe(id);
  });
});
