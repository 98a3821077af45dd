import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db/client";
import { heartbeatPings, monitors } from "@/lib/db/schema";
import { closeRedis, ioredis } from "@/lib/redis/client";
import { createTestUser } from "@/tests/factories";
import { isolatePrefix, withOwnDatabase, waitFor } from "@/tests/helpers";
import type { WorkerContext } from "../context";
import { createRetentionModule } from "./retention";

// Own database and Redis namespace: the module prunes every workspace and its gates are fleet-wide keys.
const own = await withOwnDatabase("retention-module");
const prefix = isolatePrefix("retention-module");
afterAll(async () => {
  await closeDb();
  await closeRedis();
  await prefix.cleanup();
  await own.cleanup();
});

describe("retention worker module", () => {
  it("prunes with exactly one of several workers looking at once", async () => {
    const { workspaceId } = await createTestUser();
    const [m] = await db.insert(monitors).values({ workspaceId, type: "heartbeat", name: "hb", lastPingAt: new Date() }).returning();
    const old = new Date(Date.now() - 40 * 86_400_000);
    await db.insert(heartbeatPings).values(Array.from({ length: 10 }, () => ({ monitorId: m.id, receivedAt: old, kind: "success" as const })));

    const passes: string[] = [];
    const log = {
      info: (_o: unknown, msg: string) => passes.push(msg),
      warn: (o: unknown, msg: string) => passes.push(`warn ${msg} ${String((o as { err?: unknown }).err)}`),
    };
    const ctx = (i: number) => ({ instanceId: `w${i}`, region: "local", concurrency: 1, db, redis: ioredis(), log }) as unknown as WorkerContext;
    const mods = await Promise.all([1, 2, 3].map((i) => createRetentionModule({ checkEveryMs: 50, firstAfterMs: 0 }).start(ctx(i))));
    try {
      await waitFor(async () => (await db.select().from(heartbeatPings).where(eq(heartbeatPings.monitorId, m.id))).length === 0, 10_000, "old pings pruned");
      // Many more looks by all three: the gates hold, nobody runs a second pass.
      await new Promise((r) => setTimeout(r, 500));
      expect(passes.filter((p) => p === "retention pass done")).toHaveLength(1);
      expect(passes.filter((p) => p === "old check results deleted")).toHaveLength(1);
      expect(passes.filter((p) => p.startsWith("warn"))).toEqual([]);
    } finally {
      for (const mod of mods) await mod.close();
    }
  });
});
