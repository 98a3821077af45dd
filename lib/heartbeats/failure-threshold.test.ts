import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../db/client";
import { incidents, monitors } from "../db/schema";
import type { PingKind } from "../db/schema";
import { createMonitor } from "../monitors";
import { closeRedis } from "../redis/client";
import { createTestUser, userCtx } from "../../tests/factories";
import { storePingBatch } from "./store-pings";
import { sweepHeartbeatDeadlines } from "./sweep-deadlines";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

let seq = 0;
const T0 = Date.parse("2026-06-01T00:00:00Z");
/** One ping written the way the stream consumer writes it (the ingest path is covered by pipeline.test.ts). */
async function ping(m: { id: string; workspaceId: string }, kind: PingKind, at: number, exitCode: number | null = null) {
  seq++;
  await storePingBatch(db, [
    {
      id: `${at}-${seq}`,
      ping: { monitorId: m.id, workspaceId: m.workspaceId, kind, exitCode, receivedAt: at, sourceIp: null, userAgent: null, body: null, bodyTruncated: false },
    },
  ]);
}
const row = async (id: string) => (await db.select().from(monitors).where(eq(monitors.id, id)))[0];
const open = (id: string) =>
  db
    .select()
    .from(incidents)
    .where(and(eq(incidents.monitorId, id), eq(incidents.status, "open")));

async function heartbeat(failureThreshold: number) {
  const { workspaceId } = await createTestUser();
  return createMonitor(userCtx(db, workspaceId), {
    type: "heartbeat",
    name: `job ×${failureThreshold}`,
    periodSeconds: 3600,
    graceSeconds: 300,
    failureThreshold,
  });
}

describe("heartbeat failureThreshold: missed or failed runs in a row before an incident opens", () => {
  it("defaults to 1: the first failure opens an incident", async () => {
    const m = await heartbeat(1);
    expect(m.failureThreshold).toBe(1);
    await ping(m, "success", T0);
    await ping(m, "fail", T0 + 3_600_000, 1);
    expect(await row(m.id)).toMatchObject({ status: "down", consecutiveFailures: 1 });
    expect(await open(m.id)).toHaveLength(1);
  });

  it("with 3, two failed runs page nobody, a success resets the count, the third in a row opens the incident", async () => {
    const m = await heartbeat(3);
    await ping(m, "success", T0);
    await ping(m, "fail", T0 + 1 * 3_600_000, 2);
    await ping(m, "fail", T0 + 2 * 3_600_000, 2);
    expect(await row(m.id)).toMatchObject({ status: "up", consecutiveFailures: 2 });
    expect(await open(m.id)).toHaveLength(0);
    await ping(m, "success", T0 + 3 * 3_600_000);
    expect(await row(m.id)).toMatchObject({ status: "up", consecutiveFailures: 0 });
    for (let i = 4; i <= 6; i++) await ping(m, "fail", T0 + i * 3_600_000, 2);
    expect(await row(m.id)).toMatchObject({ status: "down", consecutiveFailures: 3 });
    const [inc] = await open(m.id);
    expect(inc.cause).toBe("Job reported failure (exit code 2)");
  });

  it("counts missed deadlines too (a miss then a failure make two), re-arming the next run's deadline", async () => {
    const m = await heartbeat(3);
    await ping(m, "success", T0);
    const first = (await row(m.id)).deadlineAt!;
    expect(first.getTime()).toBe(T0 + 3_600_000 + 300_000);
    // Missed run 1: counted, and the next deadline is one period later.
    await sweepHeartbeatDeadlines(db, { now: new Date(first.getTime() + 1000) });
    const afterMiss = await row(m.id);
    expect(afterMiss).toMatchObject({ status: "up", consecutiveFailures: 1 });
    expect(afterMiss.deadlineAt!.getTime()).toBe(first.getTime() + 3_600_000);
    expect(await open(m.id)).toHaveLength(0);
    // Run 2 fails: two in a row.
    await ping(m, "fail", T0 + 2 * 3_600_000 + 1000, 1);
    expect(await row(m.id)).toMatchObject({ status: "up", consecutiveFailures: 2 });
    // Run 3 is missed: the third in a row opens the incident, as "late".
    const third = (await row(m.id)).deadlineAt!;
    await sweepHeartbeatDeadlines(db, { now: new Date(third.getTime() + 1000) });
    expect(await row(m.id)).toMatchObject({ status: "down", consecutiveFailures: 3, deadlineAt: null });
    const [inc] = await open(m.id);
    expect(inc.errorClass).toBe("late");
  });

  it("is validated like a check threshold (1–10)", async () => {
    const { workspaceId } = await createTestUser();
    await expect(createMonitor(userCtx(db, workspaceId), { type: "heartbeat", name: "x", periodSeconds: 3600, failureThreshold: 0 })).rejects.toMatchObject({
      fields: { failureThreshold: "Failure threshold must be at least 1" },
    });
  });
});
