import { asc, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../db/client";
import { alertChannels, alertOutbox, checkResults, heartbeatPings, incidents, invites, monitors, waitlist } from "../db/schema";
import { createTestUser, uniqueEmail } from "../../tests/factories";
import { withOwnDatabase } from "../../tests/helpers";
import type { PassResult } from "./batches";
import { pruneAlertOutbox } from "./prune-outbox";
import { pruneIncidentEvidence } from "./prune-evidence";
import { pruneInvites } from "./prune-invites";
import { pruneHeartbeatPings } from "./prune-pings";
import { pruneWaitlist } from "./prune-waitlist";

// Own database: retention deletes across every workspace, and other files' rows must stay untouched.
const own = await withOwnDatabase("retention-growth");
afterAll(async () => {
  await closeDb();
  await own.cleanup();
});

const DAY = 86_400_000;
const now = new Date();
const ago = (days: number, ms = 0) => new Date(now.getTime() - days * DAY - ms);

/** Runs passes until one finishes uncapped; returns how many passes that took and the rows they did. */
async function converge(pass: () => Promise<PassResult>): Promise<{ passes: number; rows: number }> {
  let passes = 0;
  let rows = 0;
  for (;;) {
    const r = await pass();
    passes++;
    rows += r.rows;
    if (!r.capped) return { passes, rows };
    if (passes > 100) throw new Error("retention did not converge");
  }
}

async function heartbeatMonitor(workspaceId: string, lastPingAt: Date | null) {
  const [m] = await db.insert(monitors).values({ workspaceId, type: "heartbeat", name: "hb", lastPingAt }).returning();
  return m;
}

describe("heartbeat pings", () => {
  it("drops pings past the retention, then keeps exactly the newest N per monitor plus every failure", async () => {
    const { workspaceId } = await createTestUser();
    const chatty = await heartbeatMonitor(workspaceId, now);
    const quiet = await heartbeatMonitor(workspaceId, now);
    const dormant = await heartbeatMonitor(workspaceId, ago(40));
    const ping = (monitorId: string, receivedAt: Date, kind: "success" | "start" | "fail" = "success") => ({
      monitorId,
      receivedAt,
      kind,
      body: "x".repeat(100),
    });
    // chatty: 4 pings past the window (one a failure), 20 inside it of which every 4th is a failure.
    const old = [0, 1, 2, 3].map((i) => ping(chatty.id, ago(31 + i), i === 0 ? "fail" : "success"));
    const recent = Array.from({ length: 20 }, (_, i) => ping(chatty.id, ago(0, (i + 1) * 60_000), i % 4 === 3 ? "fail" : i % 2 ? "start" : "success"));
    await db.insert(heartbeatPings).values([...old, ...recent]);
    await db.insert(heartbeatPings).values([ping(quiet.id, ago(1)), ping(quiet.id, ago(2), "fail")]);
    await db.insert(heartbeatPings).values([ping(dormant.id, ago(40)), ping(dormant.id, ago(45), "fail")]);
    // A batch ingest can store several pings with one timestamp: the cap still keeps exactly N.
    const tied = await heartbeatMonitor(workspaceId, now);
    await db.insert(heartbeatPings).values(Array.from({ length: 6 }, () => ping(tied.id, ago(0, 5_000))));

    const keep = 3;
    // recent[0] is the newest; the newest 3 are recent[0..2], failures are recent[3, 7, 11, 15, 19].
    const expected = new Set([0, 1, 2, 3, 7, 11, 15, 19].map((i) => recent[i].receivedAt.getTime()));
    // batches of 2 and 5 rows per pass: a backlog of 4 + 2 + 12 + 3 rows needs several passes.
    const run = await converge(() => pruneHeartbeatPings(db, { olderThanDays: 30, keepPerMonitor: keep, batchSize: 2, maxRows: 5, now }));
    expect(run.rows).toBe(4 + 2 + 12 + 3);
    expect(run.passes).toBeGreaterThan(3);

    const left = await db.select().from(heartbeatPings).where(eq(heartbeatPings.monitorId, chatty.id)).orderBy(asc(heartbeatPings.receivedAt));
    expect(new Set(left.map((p) => p.receivedAt.getTime()))).toEqual(expected);
    expect(left.filter((p) => p.kind !== "fail")).toHaveLength(keep);
    expect(await db.select().from(heartbeatPings).where(eq(heartbeatPings.monitorId, quiet.id))).toHaveLength(2);
    expect(await db.select().from(heartbeatPings).where(eq(heartbeatPings.monitorId, dormant.id))).toHaveLength(0);
    expect(await db.select().from(heartbeatPings).where(eq(heartbeatPings.monitorId, tied.id))).toHaveLength(keep);
    // Idempotent: nothing more to do.
    expect(await pruneHeartbeatPings(db, { olderThanDays: 30, keepPerMonitor: keep, now })).toEqual({ rows: 0, capped: false });
  });
});

describe("alert outbox", () => {
  it("deletes finished rows past the retention and never pending or sending ones", async () => {
    const { workspaceId } = await createTestUser();
    const [channel] = await db
      .insert(alertChannels)
      .values({ workspaceId, target: uniqueEmail("alerts") })
      .returning();
    let n = 0;
    const row = (status: "pending" | "sending" | "sent" | "failed", createdAt: Date) => ({
      workspaceId,
      channelId: channel.id,
      event: "test" as const,
      idempotencyKey: `k${n++}`,
      status,
      createdAt,
      payload: { big: "y".repeat(200) },
    });
    await db
      .insert(alertOutbox)
      .values([
        ...Array.from({ length: 5 }, () => row("sent", ago(31))),
        ...Array.from({ length: 2 }, () => row("failed", ago(60))),
        row("pending", ago(90)),
        row("sending", ago(90)),
        row("sent", ago(29)),
        row("failed", ago(1)),
      ]);
    const run = await converge(() => pruneAlertOutbox(db, { olderThanDays: 30, batchSize: 2, maxRows: 3, now }));
    expect(run.rows).toBe(7);
    expect(run.passes).toBeGreaterThanOrEqual(3);
    const left = await db.select({ status: alertOutbox.status, createdAt: alertOutbox.createdAt }).from(alertOutbox).orderBy(asc(alertOutbox.createdAt));
    expect(left.map((r) => r.status)).toEqual(["pending", "sending", "sent", "failed"]);
  });
});

describe("incident evidence", () => {
  it("strips the ping body and response snippets of long-resolved incidents, keeping the incident and its cause", async () => {
    const { workspaceId } = await createTestUser();
    const monitor = async () => (await db.insert(monitors).values({ workspaceId, type: "http", name: "m", url: "http://127.0.0.1:9/" }).returning())[0];
    const [m1, m2, m3] = [await monitor(), await monitor(), await monitor()];
    const failing = (monitorId: string, startedAt: Date) => ({
      monitorId,
      region: "eu",
      startedAt,
      ok: false,
      statusCode: 500,
      responseSnippet: "<html>boom</html>",
      responseHeaders: "server: x",
    });
    const [oldCheck, openCheck, newCheck] = await db
      .insert(checkResults)
      .values([failing(m1.id, ago(120)), failing(m2.id, ago(120)), failing(m1.id, ago(10))])
      .returning();
    const details = { heartbeat: "fail", exitCode: 2, body: "z".repeat(1000), flapping: { active: false } };
    const [oldResolved, recentResolved, longOpen] = await db
      .insert(incidents)
      .values([
        {
          workspaceId,
          monitorId: m1.id,
          status: "resolved",
          startedAt: ago(120),
          resolvedAt: ago(100),
          cause: "HTTP 500",
          statusCode: 500,
          openingCheckId: oldCheck.id,
          details,
        },
        { workspaceId, monitorId: m3.id, status: "resolved", startedAt: ago(80), resolvedAt: ago(60), cause: "exit 2", details },
        { workspaceId, monitorId: m2.id, status: "open", startedAt: ago(120), cause: "HTTP 500", openingCheckId: openCheck.id, details },
      ])
      .returning();

    const run = await converge(() => pruneIncidentEvidence(db, { olderThanDays: 90, batchSize: 1, maxRows: 1, now }));
    expect(run.rows).toBe(2);

    const byId = async (id: string) => (await db.select().from(incidents).where(eq(incidents.id, id)))[0];
    const stripped = await byId(oldResolved.id);
    expect(stripped).toMatchObject({ cause: "HTTP 500", statusCode: 500, status: "resolved", openingCheckId: oldCheck.id });
    expect(stripped.details).toEqual({ heartbeat: "fail", exitCode: 2, flapping: { active: false } });
    expect((await byId(recentResolved.id)).details).toEqual(details);
    expect((await byId(longOpen.id)).details).toEqual(details);

    const check = async (id: number) => (await db.select().from(checkResults).where(eq(checkResults.id, id)))[0];
    expect(await check(oldCheck.id)).toMatchObject({ responseSnippet: null, responseHeaders: null, statusCode: 500, ok: false });
    expect(await check(openCheck.id)).toMatchObject({ responseSnippet: "<html>boom</html>", responseHeaders: "server: x" });
    expect(await check(newCheck.id)).toMatchObject({ responseSnippet: "<html>boom</html>" });
    expect(await pruneIncidentEvidence(db, { olderThanDays: 90, now })).toEqual({ rows: 0, capped: false });
  });
});

describe("waitlist", () => {
  it("deletes entries invited longer ago than the retention and keeps everyone still waiting", async () => {
    const entry = (invitedAt: Date | null, createdAt = ago(400)) => ({ email: uniqueEmail("wait"), createdAt, invitedAt });
    await db.insert(waitlist).values([entry(ago(200)), entry(ago(181)), entry(ago(181)), entry(ago(179)), entry(null), entry(null, ago(1))]);
    const run = await converge(() => pruneWaitlist(db, { olderThanDays: 180, batchSize: 1, maxRows: 2, now }));
    expect(run.rows).toBe(3);
    const left = await db.select().from(waitlist);
    expect(left).toHaveLength(3);
    expect(left.filter((e) => e.invitedAt === null)).toHaveLength(2);
  });
});

describe("invites", () => {
  it("deletes invites spent (used, revoked or expired) longer ago than the retention, never a redeemable one", async () => {
    let n = 0;
    const invite = (v: { createdAt: Date; expiresAt: Date; usedAt?: Date; revokedAt?: Date }) => ({
      email: uniqueEmail("inv"),
      tokenHash: `hash-${n++}-${Math.random()}`,
      ...v,
    });
    const gone = [
      invite({ createdAt: ago(50), expiresAt: ago(43), usedAt: ago(49) }),
      invite({ createdAt: ago(50), expiresAt: ago(43), revokedAt: ago(45) }),
      invite({ createdAt: ago(50), expiresAt: ago(31) }),
      // Used long ago although its expiry is recent: spent when used.
      invite({ createdAt: ago(60), expiresAt: ago(1), usedAt: ago(59) }),
    ];
    const kept = [
      invite({ createdAt: ago(10), expiresAt: ago(3), usedAt: ago(9) }),
      invite({ createdAt: ago(40), expiresAt: ago(29) }),
      invite({ createdAt: ago(400), expiresAt: new Date(now.getTime() + DAY) }),
    ];
    await db.insert(invites).values([...gone, ...kept]);
    const run = await converge(() => pruneInvites(db, { olderThanDays: 30, batchSize: 1, maxRows: 1, now }));
    expect(run.rows).toBe(4);
    const left = await db.select({ tokenHash: invites.tokenHash }).from(invites);
    expect(left.map((i) => i.tokenHash).sort()).toEqual(kept.map((i) => i.tokenHash).sort());
    expect((await db.execute(sql`select count(*)::int as n from invites`))[0]).toEqual({ n: 3 });
  });
});
