import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { and, eq, isNull } from "drizzle-orm";
import { closeDb, db } from "@/lib/db/client";
import { checkResults, incidents, monitors } from "@/lib/db/schema";
import { closeRedis } from "@/lib/redis/client";
import { createTestUser } from "@/tests/factories";
import { createChecksModule } from "./modules/checks";
import { createSchedulerModule } from "./modules/scheduler";
import { afterMonitorChange } from "@/lib/monitors/after-change";
import { createMonitor, isolatePrefix, startTarget, testContext, testRunner, withOwnDatabase, waitFor } from "@/tests/helpers";

// Own database: the scheduler schedules every monitor it sees.
const ownDb = await withOwnDatabase("incidents");
const iso = isolatePrefix("incidents");
const REGIONS = ["eu", "us"];
let target: Awaited<ReturnType<typeof startTarget>>;
let workspaceId: string;
const running: { close(): Promise<void> }[] = [];

beforeAll(async () => {
  target = await startTarget("up");
  ({ workspaceId } = await createTestUser());
  for (const region of REGIONS) running.push(await createChecksModule({ runCheck: testRunner, regions: REGIONS }).start(testContext(region)));
  running.push(await createSchedulerModule({ regions: REGIONS, tickMs: 100, lookaheadMs: 500, lockTtlMs: 2_000 }).start(testContext("eu")));
});

afterAll(async () => {
  for (const r of running.reverse()) await r.close().catch(() => {});
  await target?.close();
  await iso.cleanup();
  await closeRedis();
  await closeDb();
  await ownDb.cleanup();
});

const incidentsOf = (monitorId: string) => db.select().from(incidents).where(eq(incidents.monitorId, monitorId));

describe("detection, cross-region confirmation and recovery", () => {
  it("opens one incident confirmed by both regions, resolves it when the target is back, and ignores a one-region blip", async () => {
    // A long interval: after the first checks, only the cross-region re-checks can confirm in time.
    const m = await createMonitor(workspaceId, { url: target.url, intervalSeconds: 2, timeoutSeconds: 2 });
    // As the app does after every create: without it the monitor waits for the 30 s reconcile.
    await afterMonitorChange(m.id, "created");
    await waitFor(async () => (await db.select().from(monitors).where(eq(monitors.id, m.id)))[0]?.status === "up", 8_000, "monitor up");

    // One region fails, the other doesn't: the re-check in us says "fine", no incident.
    const usUnplanned = () =>
      db
        .select()
        .from(checkResults)
        .where(and(eq(checkResults.monitorId, m.id), eq(checkResults.region, "us"), isNull(checkResults.scheduledAt)));
    const before = (await usUnplanned()).length; // the monitor's first checks
    target.set("down-eu");
    await waitFor(
      async () =>
        (
          await db
            .select()
            .from(checkResults)
            .where(and(eq(checkResults.monitorId, m.id), eq(checkResults.region, "eu"), eq(checkResults.ok, false)))
        ).length >= 2,
      8_000,
      "eu failures",
    );
    await waitFor(async () => (await usUnplanned()).length > before, 3_000, "us re-check"); // us was asked to confirm at once
    expect(await incidentsOf(m.id)).toHaveLength(0);

    target.set("down");
    const downAt = Date.now();
    const [opened] = await waitFor(
      async () => {
        const rows = await incidentsOf(m.id);
        return rows.length ? rows : null;
      },
      8_000,
      "incident opened",
    );
    expect(Date.now() - downAt).toBeLessThan(6_000);
    expect(opened).toMatchObject({ status: "open", regions: ["eu", "us"], statusCode: 503 });
    expect(opened.cause).toBe("HTTP 503 from eu, us");

    // Flapping back: resolved once, and only one incident ever opened for the outage.
    await new Promise((r) => setTimeout(r, 2_500));
    target.set("up");
    await waitFor(async () => (await incidentsOf(m.id))[0]?.status === "resolved", 8_000, "incident resolved");
    const all = await incidentsOf(m.id);
    expect(all).toHaveLength(1);
    const [mon] = await db.select().from(monitors).where(eq(monitors.id, m.id));
    expect(mon.status).toBe("up");

    // A second outage is a second incident.
    target.set("down");
    await waitFor(async () => (await incidentsOf(m.id)).filter((i) => i.status === "open").length === 1, 8_000, "second incident");
    target.set("up");
    await waitFor(async () => (await incidentsOf(m.id)).every((i) => i.status === "resolved"), 8_000, "second resolved");
    expect(await incidentsOf(m.id)).toHaveLength(2);
  });
});
