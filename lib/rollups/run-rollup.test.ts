import postgres from "postgres";
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db/client";
import { closeRedis } from "@/lib/redis/client";
import { createTestUser } from "@/tests/factories";
import { rollupUntilCaughtUp, runRollup } from "./run-rollup";
import { insertCheckSeries, insertMonitor } from "./seed";

let workspaceId: string;
beforeAll(async () => {
  ({ workspaceId } = await createTestUser());
});
afterAll(async () => {
  await closeDb();
  await closeRedis();
});

type Agg = { region: string; bucket: string; checks: number; ok: number; lat: number; max: number };

async function rawHourly(monitorId: string): Promise<Agg[]> {
  return (await db.execute(sql`
    select region, date_trunc('hour', started_at, 'UTC')::text as bucket, count(*)::int as checks,
      (count(*) filter (where ok))::int as ok, coalesce(sum(latency_ms) filter (where ok), 0)::int as lat,
      coalesce(max(latency_ms) filter (where ok), 0)::int as max
    from check_results where monitor_id = ${monitorId} group by 1, 2 order by 1, 2`)) as unknown as Agg[];
}
async function rolledHourly(monitorId: string): Promise<Agg[]> {
  return (await db.execute(sql`
    select region, bucket::text as bucket, checks, ok_checks as ok, latency_sum_ms::int as lat, latency_max_ms as max
    from check_rollups_hourly where monitor_id = ${monitorId} order by 1, 2`)) as unknown as Agg[];
}
async function rawDaily(monitorId: string) {
  return db.execute(sql`select region, date_trunc('day', started_at, 'UTC')::text as bucket, count(*)::int as checks,
    (count(*) filter (where ok))::int as ok from check_results where monitor_id = ${monitorId} group by 1, 2 order by 1, 2`);
}
async function rolledDaily(monitorId: string) {
  return db.execute(sql`select region, bucket::text as bucket, checks, ok_checks as ok
    from check_rollups_daily where monitor_id = ${monitorId} order by 1, 2`);
}

describe("incremental rollups", () => {
  it("match a direct GROUP BY of the raw rows, hourly and daily, across several runs", async () => {
    const m = await insertMonitor(db, { workspaceId });
    const from = new Date("2026-01-01T22:00:00Z");
    const mid = new Date("2026-01-02T01:30:00Z");
    const to = new Date("2026-01-02T03:00:00Z");
    await insertCheckSeries(db, {
      monitorId: m.id,
      regions: ["eu", "us"],
      from,
      to: mid,
      everySeconds: 60,
      failing: [{ from: new Date("2026-01-01T23:10:00Z"), to: new Date("2026-01-01T23:20:00Z") }],
    });
    await rollupUntilCaughtUp(db);
    // A second batch lands in buckets that already exist: the upsert must add, not overwrite.
    await insertCheckSeries(db, { monitorId: m.id, regions: ["eu", "us"], from: mid, to, everySeconds: 60 });
    await rollupUntilCaughtUp(db);

    const raw = await rawHourly(m.id);
    expect(raw.length).toBe(10); // 5 hours x 2 regions
    expect(raw.some((r) => r.ok < r.checks)).toBe(true);
    expect(await rolledHourly(m.id)).toEqual(raw);
    expect(await rolledDaily(m.id)).toEqual(await rawDaily(m.id));
  });

  it("counts each row once when many runs race", async () => {
    const m = await insertMonitor(db, { workspaceId });
    await insertCheckSeries(db, {
      monitorId: m.id,
      regions: ["eu"],
      from: new Date("2026-02-01T00:00:00Z"),
      to: new Date("2026-02-01T06:00:00Z"),
      everySeconds: 30,
    });
    const runs = await Promise.all(Array.from({ length: 6 }, () => rollupUntilCaughtUp(db, { maxBatch: 50 })));
    expect(runs.length).toBe(6);
    expect(await rolledHourly(m.id)).toEqual(await rawHourly(m.id));
    const [{ n }] = (await db.execute(sql`select sum(checks)::int as n from check_rollups_hourly where monitor_id = ${m.id}`)) as unknown as { n: number }[];
    expect(n).toBe(720);
  });

  it("still counts a row whose lower id commits after a higher one", async () => {
    const m = await insertMonitor(db, { workspaceId });
    const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      let inserted!: () => void;
      const insertedP = new Promise<void>((r) => (inserted = r));
      const late = other.begin(async (tx) => {
        await tx`insert into check_results (monitor_id, region, started_at, ok, latency_ms) values (${m.id}, 'eu', '2026-03-01T00:00:10Z', true, 100)`;
        inserted();
        await held;
      });
      await insertedP;
      // Committed now, with a higher id than the row still in flight.
      await db.execute(
        sql`insert into check_results (monitor_id, region, started_at, ok, latency_ms) values (${m.id}, 'eu', '2026-03-01T00:00:20Z', true, 200)`,
      );
      for (let i = 0; i < 4; i++) await runRollup(db, { minAgeMs: 0 });
      // The horizon covers the in-flight row's id, so nothing past it may be rolled up yet.
      expect(await rolledHourly(m.id)).toEqual([]);
      release();
      await late;
      await rollupUntilCaughtUp(db);
      const rolled = await rolledHourly(m.id);
      expect(rolled).toEqual(await rawHourly(m.id));
      expect(rolled[0].checks).toBe(2);
      expect(rolled[0].lat).toBe(300);
    } finally {
      await other.end({ timeout: 5 });
    }
  });
});
