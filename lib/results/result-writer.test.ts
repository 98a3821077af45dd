import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import postgres from "postgres";
import { drizzle } from "drizzle-orm/postgres-js";
import { closeDb, db, type Db } from "../db/client";
import * as schema from "../db/schema";
import { checkResults, monitorRegionState, monitors } from "../db/schema";
import { env } from "../env";
import { createTestUser } from "../../tests/factories";
import { startTcpProxy, waitFor } from "../../tests/helpers";
import { ResultWriter } from "./result-writer";
import type { CheckRecord } from "./types";

afterAll(closeDb);

const record = (monitorId: string, region: string, i: number, ok = true): CheckRecord => ({
  monitorId,
  region,
  scheduledAt: new Date(Date.UTC(2026, 0, 1) + i * 1000 - 10), // one slot per i
  summary: ok ? null : "HTTP 503",
  result: {
    ok,
    startedAt: new Date(Date.UTC(2026, 0, 1) + i * 1000),
    statusCode: ok ? 200 : 503,
    latencyMs: 10 + i,
    timings: { dnsMs: null, connectMs: 1, tlsMs: null, ttfbMs: 5, totalMs: 10 + i },
    errorClass: ok ? null : "status",
    error: ok ? null : "Expected status 200-299, got 503",
    tlsExpiresAt: null,
  },
});

async function monitorsFor(n: number) {
  const { workspaceId } = await createTestUser();
  return db
    .insert(monitors)
    .values(Array.from({ length: n }, (_, i) => ({ workspaceId, type: "http" as const, name: `w${i}`, url: "http://127.0.0.1:9/" })))
    .returning();
}

describe("result writer", () => {
  it("writes many results in few batches, one row per (monitor, region) per batch, counters exact", async () => {
    const ms = await monitorsFor(20);
    const writer = new ResultWriter(db, { flushMs: 50, flushAt: 100 });
    // Three results per (monitor, region): the writer must serialise them across batches.
    const writes = ms.flatMap((m) => [0, 1, 2].flatMap((i) => ["eu", "us"].map((r) => writer.write(record(m.id, r, i, i !== 1)))));
    const outcomes = await Promise.all(writes);
    expect(outcomes.every((o) => o.checkId !== null)).toBe(true);
    expect(writer.stats.batches).toBeLessThanOrEqual(6);
    const rows = await db.select().from(checkResults).where(eq(checkResults.monitorId, ms[0].id));
    expect(rows).toHaveLength(6);
    const [state] = await db.select().from(monitorRegionState).where(eq(monitorRegionState.monitorId, ms[0].id));
    expect(state).toMatchObject({ ok: true, consecutiveSuccesses: 1, consecutiveFailures: 0 });
    const [m0] = await db.select().from(monitors).where(eq(monitors.id, ms[0].id));
    expect(m0.lastCheckedAt?.toISOString()).toBe(new Date(Date.UTC(2026, 0, 1) + 2000).toISOString());
    expect(m0.lastLatencyMs).toBe(12);
    await writer.close();
  });

  it("skips results of a monitor deleted meanwhile instead of failing the batch", async () => {
    const [a, b] = await monitorsFor(2);
    await db.delete(monitors).where(eq(monitors.id, b.id));
    const writer = new ResultWriter(db, { flushMs: 20 });
    const [oa, ob] = await Promise.all([writer.write(record(a.id, "eu", 0)), writer.write(record(b.id, "eu", 0))]);
    expect(oa.checkId).not.toBeNull();
    expect(ob.checkId).toBeNull();
    await writer.close();
  });

  it("stores a slot once when its job runs again (at-least-once queue), without counting it twice", async () => {
    const [m] = await monitorsFor(1);
    const writer = new ResultWriter(db, { flushMs: 10 });
    const slot = new Date(Date.UTC(2026, 0, 1, 12));
    const failing = (i: number) => ({ ...record(m.id, "eu", i, false), scheduledAt: slot });
    const first = await writer.write(failing(0));
    const repeat = await writer.write(failing(1)); // the same slot, checked again a second later
    const recheck = await writer.write({ ...record(m.id, "eu", 2, false), scheduledAt: null }); // re-checks have no slot
    expect(first.checkId).not.toBeNull();
    expect(repeat.checkId).toBeNull();
    expect(recheck.checkId).not.toBeNull();
    expect(await db.select().from(checkResults).where(eq(checkResults.monitorId, m.id))).toHaveLength(2);
    const [state] = await db.select().from(monitorRegionState).where(eq(monitorRegionState.monitorId, m.id));
    expect(state.consecutiveFailures).toBe(2);
    await writer.close();
  });

  it("keeps results while Postgres is unreachable and writes them all when it is back (backpressure, nothing dropped)", async () => {
    const ms = await monitorsFor(10);
    const proxy = await startTcpProxy(Number(new URL(env.DATABASE_URL).port || 5432));
    const url = new URL(env.DATABASE_URL);
    url.host = `127.0.0.1:${proxy.port}`;
    // Short connect timeout so that the outage shows as failed flushes within the test's few seconds.
    const client = postgres(url.toString(), { max: 4, connect_timeout: 1, onnotice: () => {} });
    const viaProxy = { sql: client, db: drizzle(client, { schema, casing: "snake_case" }) as unknown as Db };
    const writer = new ResultWriter(viaProxy.db, { flushMs: 20, flushAt: 5, maxBuffer: 20 });
    try {
      await writer.write(record(ms[0].id, "eu", 0)); // connected and working
      proxy.cut();
      const cutAt = Date.now();
      let settled = 0;
      const pending = ms.flatMap((m) => [1, 2, 3, 4, 5].map((i) => writer.write(record(m.id, "eu", i)).then(() => settled++)));
      await new Promise((r) => setTimeout(r, 5_000));
      expect(settled).toBe(0); // nothing acknowledged while Postgres is away
      expect(writer.pending).toBeLessThanOrEqual(20); // bounded: the other writers wait
      expect(writer.stats.failedFlushes).toBeGreaterThan(0);
      await proxy.restore();
      await Promise.all(pending);
      expect(Date.now() - cutAt).toBeLessThan(20_000);
      for (const m of ms) {
        const rows = await db.select({ startedAt: checkResults.startedAt }).from(checkResults).where(eq(checkResults.monitorId, m.id));
        const distinct = new Set(rows.map((r) => r.startedAt.getTime()));
        expect(distinct.size).toBe(m.id === ms[0].id ? 6 : 5);
      }
      await waitFor(() => writer.pending === 0, 2_000, "buffer drained");
    } finally {
      await writer.close(1_000);
      await viaProxy.sql.end({ timeout: 1 });
      await proxy.close();
    }
  }, 40_000);
});
