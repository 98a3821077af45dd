import { afterAll, describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { closeDb, db } from "../db/client";
import { alertChannels, alertOutbox, incidents, monitorRegionState, monitors } from "../db/schema";
import { createTestUser } from "../../tests/factories";
import { decideIncident, describeCause, type RegionState } from "./evaluate";
import { evaluateMonitor } from "./evaluate-monitor";

afterAll(closeDb);

const now = new Date("2026-11-23T12:00:00Z");
const monitor = {
  regions: [] as string[],
  intervalSeconds: 30,
  timeoutSeconds: 10,
  failureThreshold: 1,
  recoveryThreshold: 1,
  createdAt: new Date("2026-01-01"),
};
const st = (region: string, ok: boolean, streak = 1, agoMs = 1000, lastError: string | null = ok ? null : "HTTP 503"): RegionState => ({
  region,
  ok,
  checkedAt: new Date(now.getTime() - agoMs),
  consecutiveFailures: ok ? 0 : streak,
  consecutiveSuccesses: ok ? streak : 0,
  lastError,
  lastStatusCode: ok ? 200 : 503,
});
const decide = (states: RegionState[], open = false, m = monitor, all = ["eu", "us", "ap"]) =>
  decideIncident({ monitor: m, states, hasOpenIncident: open, allRegions: all, now });

describe("incident rule", () => {
  it("needs more than half of the regions failing", () => {
    expect(decide([st("eu", false), st("us", true), st("ap", true)]).action).toBe("none");
    const d = decide([st("eu", false), st("us", false), st("ap", true)]);
    expect(d).toMatchObject({ action: "open", cause: "HTTP 503 from eu, us", regions: ["eu", "us"], statusCode: 503 });
  });

  it("opens on one failure for a single-region monitor, and names mixed causes", () => {
    expect(decide([st("eu", false)], false, { ...monitor, regions: ["eu"] }).action).toBe("open");
    const d = decide([st("eu", false, 1, 1000, "Timed out after 10 s"), st("us", false), st("ap", false, 1, 1000, "Timed out after 10 s")]);
    expect(d).toMatchObject({ action: "open", cause: "Timed out after 10 s from ap, eu; HTTP 503 from us" });
    expect(describeCause([st("eu", false, 1, 0, "Timed out after 10 s")])).toBe("Timed out after 10 s from eu");
  });

  it("waits for failureThreshold consecutive failed rounds of the quorum", () => {
    const m = { ...monitor, failureThreshold: 3 };
    expect(decide([st("eu", false, 5), st("us", false, 2), st("ap", true)], false, m).action).toBe("none");
    expect(decide([st("eu", false, 5), st("us", false, 3), st("ap", true)], false, m).action).toBe("open");
  });

  it("ignores stale regions, but waits for regions that have not reported on a young monitor", () => {
    const stale = 2 * 30_000 + 10_000 + 10_000 + 1;
    expect(decide([st("eu", false), st("us", true, 1, stale)], false, { ...monitor, regions: ["eu", "us"] }).action).toBe("open");
    const young = { ...monitor, regions: ["eu", "us"], createdAt: new Date(now.getTime() - 5_000) };
    expect(decide([st("eu", false)], false, young).action).toBe("none");
    expect(decide([st("eu", false), st("us", false)], false, young).action).toBe("open");
  });

  it("resolves after recoveryThreshold good rounds of a quorum, not while a quorum still fails", () => {
    const m = { ...monitor, recoveryThreshold: 2 };
    expect(decide([st("eu", false), st("us", false), st("ap", true, 5)], true, m).action).toBe("none");
    expect(decide([st("eu", true, 1), st("us", true, 3), st("ap", false)], true, m).action).toBe("none");
    expect(decide([st("eu", true, 2), st("us", true, 3), st("ap", false)], true, m).action).toBe("resolve");
  });
});

describe("evaluateMonitor", () => {
  it("opens exactly one incident when two regions report the same failure at the same instant", async () => {
    const { workspaceId } = await createTestUser();
    const [m] = await db
      .insert(monitors)
      .values({ workspaceId, type: "http", name: "racy", url: "http://127.0.0.1:9/", regions: ["eu", "us"], createdAt: new Date(Date.now() - 3_600_000) })
      .returning();
    await db.insert(alertChannels).values({ workspaceId, target: "ops@example.test" });
    const at = new Date();
    await db.insert(monitorRegionState).values(
      ["eu", "us"].map((region) => ({
        monitorId: m.id,
        region,
        ok: false,
        checkedAt: at,
        consecutiveFailures: 1,
        lastError: "HTTP 503",
        lastStatusCode: 503,
      })),
    );
    const results = await Promise.all(Array.from({ length: 8 }, () => evaluateMonitor(db, { monitor: m, allRegions: ["eu", "us"] })));
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    const open = await db
      .select()
      .from(incidents)
      .where(and(eq(incidents.monitorId, m.id), eq(incidents.status, "open")));
    expect(open).toHaveLength(1);
    expect(open[0]).toMatchObject({ cause: "HTTP 503 from eu, us", regions: ["eu", "us"], statusCode: 503 });
    const outbox = await db.select().from(alertOutbox).where(eq(alertOutbox.incidentId, open[0].id));
    expect(outbox).toHaveLength(1);
    const [after] = await db.select().from(monitors).where(eq(monitors.id, m.id));
    expect(after.status).toBe("down");

    await db
      .update(monitorRegionState)
      .set({ ok: true, consecutiveFailures: 0, consecutiveSuccesses: 1, checkedAt: new Date() })
      .where(eq(monitorRegionState.monitorId, m.id));
    const resolved = await Promise.all(Array.from({ length: 8 }, () => evaluateMonitor(db, { monitor: m, allRegions: ["eu", "us"] })));
    expect(resolved.filter((r) => r.changed)).toHaveLength(1);
    const [fin] = await db.select().from(incidents).where(eq(incidents.id, open[0].id));
    expect(fin.status).toBe("resolved");
  });
});
