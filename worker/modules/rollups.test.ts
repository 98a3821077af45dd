import { sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db/client";
import { log } from "@/lib/log";
import { closeRedis, ioredis } from "@/lib/redis/client";
import { insertCheckSeries, insertMonitor } from "@/lib/rollups/seed";
import { createTestUser } from "@/tests/factories";
import type { WorkerContext } from "../context";
import { createRollupsModule } from "./rollups";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

describe("rollups worker module", () => {
  it("keeps rolling up new checks while running, with several workers at once, and closes cleanly", async () => {
    const { workspaceId } = await createTestUser();
    const m = await insertMonitor(db, { workspaceId });
    const ctx = { instanceId: "t", region: "eu", concurrency: 1, db, connection: () => ioredis(), redis: ioredis(), log } as unknown as WorkerContext;
    const mods = await Promise.all([1, 2, 3].map(() => createRollupsModule({ everyMs: 100, minAgeMs: 0 }).start(ctx)));
    try {
      await insertCheckSeries(db, {
        monitorId: m.id,
        regions: ["eu", "us"],
        from: new Date("2026-04-01T00:00:00Z"),
        to: new Date("2026-04-01T02:00:00Z"),
        everySeconds: 60,
      });
      const deadline = Date.now() + 20_000;
      let n = 0;
      while (Date.now() < deadline) {
        const [r] = (await db.execute(sql`select coalesce(sum(checks), 0)::int as n from check_rollups_hourly where monitor_id = ${m.id}`)) as unknown as {
          n: number;
        }[];
        n = Number(r.n);
        if (n >= 240) break;
        await new Promise((res) => setTimeout(res, 100));
      }
      // Give the three loops a few more ticks: a double count would show up here.
      await new Promise((res) => setTimeout(res, 500));
      const [r] = (await db.execute(sql`select coalesce(sum(checks), 0)::int as n from check_rollups_hourly where monitor_id = ${m.id}`)) as unknown as {
        n: number;
      }[];
      expect(n).toBe(240);
      expect(Number(r.n)).toBe(240);
    } finally {
      for (const mod of mods) await mod.close();
    }
  });
});
