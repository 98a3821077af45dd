import { describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { workerInstances } from "@/lib/db/schema";
import { checkStatsFor } from "@/lib/cluster/check-stats";
import { listInstances, STALE_AFTER_MS } from "@/lib/cluster/instances";
import { testContext, waitFor } from "@/tests/helpers";
import { startClusterModule, isolateClusterTests } from "./cluster-testing";

isolateClusterTests("cluster");

describe("cluster module", () => {
  it("registers, heartbeats with stats, serves /metrics, is shown stale after 3 missed beats and is removed on shutdown", async () => {
    const ctx = testContext("cl-a", { concurrency: 7 });
    const stats = checkStatsFor("cl-a");
    stats.recordCheck(true, 120, 300);
    stats.recordCheck(false, 80, 900);
    const { mod, port } = await startClusterModule(ctx, { heartbeatMs: 150 });
    const row = async () => (await db.select().from(workerInstances).where(eq(workerInstances.id, ctx.instanceId)))[0];
    const first = await row();
    expect(first).toMatchObject({ region: "cl-a", pid: process.pid, concurrency: 7, version: expect.any(String) });

    const beat = await waitFor(
      async () => {
        const r = await row();
        return r?.stats && r.lastHeartbeatAt > first.lastHeartbeatAt ? r : null;
      },
      3_000,
      "heartbeat",
    );
    expect(beat.stats).toMatchObject({ processed: 2, checksFailed: 1, failed: 0, avgMs: 100, p95Ms: 120, lagP95Ms: 900 });
    expect(beat.stats!.rssBytes).toBeGreaterThan(1_000_000);

    const list = await listInstances(db);
    expect(list.find((i) => i.id === ctx.instanceId)?.stale).toBe(false);
    const later = new Date(Date.now() + STALE_AFTER_MS + 1_000);
    expect((await listInstances(db, later)).find((i) => i.id === ctx.instanceId)?.stale).toBe(true);

    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    expect(text).toContain(`vigil_checks_total{instance="${ctx.instanceId}",region="cl-a"} 2`);
    expect(text).toContain(`vigil_checks_failed_total{instance="${ctx.instanceId}",region="cl-a"} 1`);
    expect(text).toMatch(/vigil_schedule_lag_seconds\{[^}]*quantile="0.95"\} 0.9/);
    expect(text).toMatch(/vigil_queue_jobs\{[^}]*region="cl-a",lane="default",state="waiting"\} 0/);
    expect(text).toMatch(/vigil_queue_jobs\{[^}]*region="cl-a",lane="browser",state="waiting"\} 0/);
    expect(text).toContain('vigil_check_duration_seconds_bucket{instance="' + ctx.instanceId + '",region="cl-a",le="0.1"} 1');

    expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).toMatchObject({ status: "ok", region: "cl-a" });

    await mod.close();
    expect(await row()).toBeUndefined();
    await expect(fetch(`http://127.0.0.1:${port}/metrics`)).rejects.toThrow();
  });

  it("reports in its heartbeat whether it runs browser checks", async () => {
    for (const browser of [true, false]) {
      const ctx = testContext("cl-b");
      const { mod } = await startClusterModule(ctx, { heartbeatMs: 100, browser });
      const stats = await waitFor(
        async () => (await db.select().from(workerInstances).where(eq(workerInstances.id, ctx.instanceId)))[0]?.stats,
        3_000,
        "heartbeat",
      );
      expect(stats.browser).toBe(browser);
      await mod.close();
    }
  });
});
