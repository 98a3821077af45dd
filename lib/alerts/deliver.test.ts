import { spawn } from "node:child_process";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../db/client";
import { alertChannels, alertOutbox, incidents, monitors } from "../db/schema";
import { openIncident } from "../incidents/open-incident";
import { resolveIncident } from "../incidents/resolve-incident";
import { enqueueIncidentAlerts } from "../incidents/enqueue-alerts";
import { closeRedis, kv } from "../redis/client";
import { createTestUser, userCtx } from "../../tests/factories";
import { createHeartbeatMonitor, waitFor } from "../heartbeats/testing";
import { listAlertChannels, sendTestAlert, setAlertChannelMuted } from "./channels";
import { claimDueAlerts, deliverClaimed, deliverDueAlerts, type DeliverOptions } from "./deliver";
import { summarizeStableFlapping } from "./flapping";
import { startTestSmtp } from "./testing/smtp";

let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let opts: DeliverOptions;

beforeAll(async () => {
  smtp = await startTestSmtp({ rejectRecipient: /^nobody-/ });
  opts = { transport: smtp.transport(), appUrl: "https://vigil.example", backoffBaseMs: 100, backoffMaxMs: 400, limit: 200 };
});

afterAll(async () => {
  await smtp.down();
  await closeDb();
  await closeRedis();
});

async function tenant() {
  const u = await createTestUser();
  const m = await createHeartbeatMonitor(u.workspaceId, { name: `job-${u.email.slice(5, 13)}` });
  return { ...u, monitor: m };
}

const drain = async (o = opts) => {
  for (let i = 0; i < 50; i++) if ((await deliverDueAlerts(db, o)) === 0) return;
};
const ctxOf = (workspaceId: string) => userCtx(db, workspaceId);
/** A confirmed email channel, inserted directly (channel CRUD and its confirmation mail are tested elsewhere). */
const emailChannel = async (workspaceId: string, target: string) =>
  (await db.insert(alertChannels).values({ workspaceId, type: "email", target, verified: true }).returning())[0];
const outboxOf = (workspaceId: string) => db.select().from(alertOutbox).where(eq(alertOutbox.workspaceId, workspaceId));

describe("alert delivery", () => {
  it("an incident emails the workspace owner (default channel, created lazily) once, with the outbox id as Message-ID", async () => {
    const t = await tenant();
    const { incident } = await openIncident(db, { workspaceId: t.workspaceId, monitorId: t.monitor.id, cause: "No ping received", regions: [] });
    await drain();
    await drain();
    const mails = smtp.to(t.email);
    expect(mails).toHaveLength(1);
    const [row] = await outboxOf(t.workspaceId);
    expect(row).toMatchObject({ status: "sent", attempts: 1, event: "opened" });
    expect(mails[0].messageId).toBe(`<alert-${row.id}@vigil.example>`);
    expect(row.idempotencyKey).toBe(`${incident!.id}:${row.channelId}:opened`);
    expect(mails[0].headers.get("x-vigil-delivery")).toBe(row.id);
    expect(mails[0].subject).toContain(t.monitor.name);
    expect(mails[0].text).toContain(`https://vigil.example/incidents/${incident!.id}`);
  });

  it("concurrent and retried delivery passes send each (incident, channel, event) once", async () => {
    const t = await tenant();
    await listAlertChannels(ctxOf(t.workspaceId)); // the owner's default channel
    await emailChannel(t.workspaceId, `second-${t.email}`);
    await openIncident(db, { workspaceId: t.workspaceId, monitorId: t.monitor.id, cause: "down", regions: ["eu"] });
    await resolveIncident(db, { monitorId: t.monitor.id });
    await Promise.all([deliverDueAlerts(db, opts), deliverDueAlerts(db, opts), deliverDueAlerts(db, opts)]);
    await drain();
    expect(
      smtp
        .to(t.email)
        .map((m) => m.subject.split(":")[0])
        .sort(),
    ).toEqual(["[Vigil] DOWN", "[Vigil] RECOVERED"]);
    expect(smtp.to(`second-${t.email}`)).toHaveLength(2);
    // A second write of the same alert (a retried job) is absorbed by the idempotency key.
    const [inc] = await db.select().from(incidents).where(eq(incidents.monitorId, t.monitor.id));
    expect(await enqueueIncidentAlerts(db, { workspaceId: t.workspaceId, monitorId: t.monitor.id, incidentId: inc.id, event: "resolved" })).toBe(0);
  });

  it("a worker that claimed a row and died: nobody resends while its lease holds; after the lease, exactly one email", async () => {
    const t = await tenant();
    await openIncident(db, { workspaceId: t.workspaceId, monitorId: t.monitor.id, cause: "down", regions: [] });
    // Worker A claims and dies before sending (the crash). Claim only this tenant's row.
    const [mine] = await outboxOf(t.workspaceId);
    await db
      .update(alertOutbox)
      .set({ nextAttemptAt: sql`now() - interval '1 hour'` })
      .where(eq(alertOutbox.id, mine.id));
    const claimedByA = (await claimDueAlerts(db, 500)).find((r) => r.id === mine.id)!;
    expect(claimedByA.attempts).toBe(1);
    await drain(); // worker B: the lease is held, so it must not send
    expect(smtp.to(t.email)).toHaveLength(0);
    // The lease runs out (A is dead): B takes over and sends once.
    await db
      .update(alertOutbox)
      .set({ claimedAt: sql`now() - interval '10 minutes'` })
      .where(eq(alertOutbox.id, mine.id));
    await drain();
    await drain();
    expect(smtp.to(t.email)).toHaveLength(1);
    const [after] = await outboxOf(t.workspaceId);
    expect(after).toMatchObject({ status: "sent", attempts: 2 });
    // If A was only slow and now tries to finish, its stale fence (attempts = 1) matches nothing.
    expect(await deliverClaimed(db, claimedByA, opts)).toBe("lost-lease");
  });

  it("a worker process killed (SIGKILL) mid-send: the alert is delivered once, by the next worker after the lease", async () => {
    const t = await tenant();
    await openIncident(db, { workspaceId: t.workspaceId, monitorId: t.monitor.id, cause: "down", regions: [] });
    const [row] = await outboxOf(t.workspaceId);
    // This server takes the whole message, then holds its reply: the sender dies before the 250.
    const holding = await startTestSmtp({ holdDataMs: 3000 });
    const child = spawn(process.execPath, ["--import", "tsx", "lib/alerts/testing/kill-child.ts", row.id, String(holding.port)], {
      env: process.env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (b) => (out += b));
    await waitFor(async () => out.includes("claimed"), 20_000);
    await new Promise((r) => setTimeout(r, 700)); // inside DATA now
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
    await new Promise((r) => setTimeout(r, 3000)); // the held reply would have gone out by now
    expect(holding.received).toHaveLength(0);
    expect(out).not.toContain("finished");
    const [stuck] = await outboxOf(t.workspaceId);
    expect(stuck).toMatchObject({ status: "sending", attempts: 1 });
    await drain(); // lease still held: nobody resends
    expect(smtp.to(t.email)).toHaveLength(0);
    await db
      .update(alertOutbox)
      .set({ claimedAt: sql`now() - interval '10 minutes'` })
      .where(eq(alertOutbox.id, row.id));
    await drain();
    await drain();
    expect(smtp.to(t.email)).toHaveLength(1);
    expect((await outboxOf(t.workspaceId))[0]).toMatchObject({ status: "sent", attempts: 2 });
    await holding.down();
  });

  it("SMTP down for a while, then up: every alert is delivered, once", async () => {
    const ts = await Promise.all([tenant(), tenant(), tenant()]);
    await smtp.down();
    for (const t of ts) await openIncident(db, { workspaceId: t.workspaceId, monitorId: t.monitor.id, cause: "down", regions: [] });
    await deliverDueAlerts(db, opts);
    for (const t of ts) {
      const [row] = await outboxOf(t.workspaceId);
      expect(row.status).toBe("pending");
      expect(row.lastError).toBeTruthy();
      expect(row.nextAttemptAt.getTime()).toBeGreaterThan(Date.now() - 1000);
    }
    await new Promise((r) => setTimeout(r, 300));
    await deliverDueAlerts(db, opts); // still down: backs off again
    await smtp.up();
    const fresh = { ...opts, transport: smtp.transport() };
    await waitFor(
      async () => {
        await deliverDueAlerts(db, fresh);
        return ts.every((t) => smtp.to(t.email).length >= 1);
      },
      10_000,
      100,
    );
    await drain(fresh);
    for (const t of ts) {
      expect(smtp.to(t.email)).toHaveLength(1);
      const [row] = await outboxOf(t.workspaceId);
      expect(row.status).toBe("sent");
      expect(row.attempts).toBeGreaterThanOrEqual(2);
    }
    opts = fresh;
  });

  it("a rejected recipient (550) fails permanently and is shown on the channel", async () => {
    const t = await tenant();
    const bad = await emailChannel(t.workspaceId, `nobody-${t.email}`);
    await openIncident(db, { workspaceId: t.workspaceId, monitorId: t.monitor.id, cause: "down", regions: [] });
    await drain();
    await drain();
    const [row] = await db.select().from(alertOutbox).where(eq(alertOutbox.channelId, bad.id));
    expect(row).toMatchObject({ status: "failed", attempts: 1 });
    const [ch] = await db.select().from(alertChannels).where(eq(alertChannels.id, bad.id));
    expect(ch.lastError).toMatch(/550|rejected/i);
    expect(ch.lastErrorAt).toBeTruthy();
  });

  it("muted monitor or muted channel: no email (checks and incidents go on)", async () => {
    const t = await tenant();
    await listAlertChannels(ctxOf(t.workspaceId));
    await db.update(monitors).set({ muted: true }).where(eq(monitors.id, t.monitor.id));
    const { created } = await openIncident(db, { workspaceId: t.workspaceId, monitorId: t.monitor.id, cause: "down", regions: [] });
    expect(created).toBe(true);
    await resolveIncident(db, { monitorId: t.monitor.id });
    await db.update(monitors).set({ muted: false }).where(eq(monitors.id, t.monitor.id));
    const [channel] = await listAlertChannels(ctxOf(t.workspaceId));
    await setAlertChannelMuted(ctxOf(t.workspaceId), channel.id, true);
    await openIncident(db, { workspaceId: t.workspaceId, monitorId: t.monitor.id, cause: "down again", regions: [] });
    // Muted after the row was written: suppressed at send time.
    await setAlertChannelMuted(ctxOf(t.workspaceId), channel.id, false);
    await resolveIncident(db, { monitorId: t.monitor.id });
    await setAlertChannelMuted(ctxOf(t.workspaceId), channel.id, true);
    await drain();
    expect(smtp.to(t.email)).toHaveLength(0);
    const rows = await outboxOf(t.workspaceId);
    expect(rows.map((r) => [r.event, r.status, r.lastError])).toEqual([["resolved", "failed", "suppressed: muted"]]);
  });

  it("flapping: one 'flapping' email instead of a storm, then one summary once stable", async () => {
    const t = await tenant();
    for (let i = 0; i < 6; i++) {
      await openIncident(db, { workspaceId: t.workspaceId, monitorId: t.monitor.id, cause: `down #${i}`, regions: [] });
      await resolveIncident(db, { monitorId: t.monitor.id });
    }
    await drain();
    const subjects = smtp.to(t.email).map((m) => m.subject);
    // changes 1-4 alert normally; the 5th (> 4 in 30 min) starts the episode; 6-12 are held back.
    expect(subjects.filter((s) => s.includes("DOWN"))).toHaveLength(2);
    expect(subjects.filter((s) => s.includes("RECOVERED"))).toHaveLength(2);
    expect(subjects.filter((s) => s.includes("FLAPPING"))).toHaveLength(1);
    expect(subjects).toHaveLength(5);
    const enqueue = (tx: never, input: { workspaceId: string; monitorId: string; incidentId: string; payload: Record<string, unknown> }) =>
      enqueueIncidentAlerts(tx, { ...input, event: "flapping", keySuffix: ":summary" });
    expect(await summarizeStableFlapping(db, kv(), enqueue as never, { stableMs: 60_000 })).toBe(0); // not yet stable
    expect(await summarizeStableFlapping(db, kv(), enqueue as never, { stableMs: 0 })).toBeGreaterThanOrEqual(1);
    await drain();
    const summary = smtp.to(t.email).filter((m) => m.subject.includes("STABLE"));
    expect(summary).toHaveLength(1);
    expect(summary[0].text).toMatch(/changed state \d+ times/);
    // After the episode, a new change alerts normally again... once it isn't flapping by count.
    expect(await summarizeStableFlapping(db, kv(), enqueue as never, { stableMs: 0 })).toBe(0);
  });

  it("'send test email' sends one test email through the same delivery", async () => {
    const t = await tenant();
    const [channel] = await listAlertChannels(ctxOf(t.workspaceId));
    await sendTestAlert(ctxOf(t.workspaceId), channel.id);
    await drain();
    const mails = smtp.to(t.email);
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe("[Vigil] Test alert");
    expect(mails[0].html).toContain("Test alert");
    const rows = await db
      .select()
      .from(alertOutbox)
      .where(and(eq(alertOutbox.channelId, channel.id), eq(alertOutbox.event, "test")));
    expect(rows[0].status).toBe("sent");
  });
});
