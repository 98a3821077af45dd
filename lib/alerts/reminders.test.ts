import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../db/client";
import { alertChannels, alertOutbox, incidents, monitors } from "../db/schema";
import { acknowledgeIncident } from "../incidents/acknowledge";
import { openIncident } from "../incidents/open-incident";
import { closeRedis } from "../redis/client";
import { createTestUser, userCtx } from "../../tests/factories";
import { createHeartbeatMonitor } from "../heartbeats/testing";
import { sendDueReminders } from "./reminders";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

async function openWithReminders(remindEveryMinutes: number | null, minutesAgo: number) {
  const u = await createTestUser();
  const m = await createHeartbeatMonitor(u.workspaceId);
  await db.update(monitors).set({ remindEveryMinutes }).where(eq(monitors.id, m.id));
  const [channel] = await db.insert(alertChannels).values({ workspaceId: u.workspaceId, type: "webhook", target: "http://127.0.0.1:9/hook" }).returning();
  const { incident } = await openIncident(db, { workspaceId: u.workspaceId, monitorId: m.id, cause: "down", regions: [] });
  await db
    .update(incidents)
    .set({ startedAt: sql`now() - ${`${minutesAgo} minutes`}::interval` })
    .where(eq(incidents.id, incident!.id));
  return { ...u, monitor: m, channel, incident: incident! };
}

const reminderRows = (channelId: string) =>
  db
    .select()
    .from(alertOutbox)
    .where(sql`${alertOutbox.channelId} = ${channelId} and ${alertOutbox.event} = 'reminder'`)
    .orderBy(alertOutbox.createdAt);
const incidentOf = async (id: string) => (await db.select().from(incidents).where(eq(incidents.id, id)))[0];

describe("reminders", () => {
  it("every remindEveryMinutes while open: reminder n once, even with concurrent sweeps; none before it is due", async () => {
    const t = await openWithReminders(1, 0.5);
    await sendDueReminders(db);
    expect(await reminderRows(t.channel.id)).toHaveLength(0); // 30 s in: not yet
    await db
      .update(incidents)
      .set({ startedAt: sql`now() - interval '70 seconds'` })
      .where(eq(incidents.id, t.incident.id));
    await Promise.all([sendDueReminders(db), sendDueReminders(db), sendDueReminders(db)]);
    let rows = await reminderRows(t.channel.id);
    expect(rows.map((r) => r.idempotencyKey)).toEqual([`${t.incident.id}:${t.channel.id}:reminder:1`]);
    expect(rows[0].payload).toEqual({ n: 1 });
    expect(await incidentOf(t.incident.id)).toMatchObject({ remindersSent: 1 });
    expect((await incidentOf(t.incident.id)).lastRemindedAt).toBeTruthy();
    await sendDueReminders(db);
    expect(await reminderRows(t.channel.id)).toHaveLength(1); // reminder 2 is due at 2 min
    await db
      .update(incidents)
      .set({ startedAt: sql`now() - interval '125 seconds'` })
      .where(eq(incidents.id, t.incident.id));
    await sendDueReminders(db);
    rows = await reminderRows(t.channel.id);
    expect(rows.map((r) => r.idempotencyKey.split(":").pop())).toEqual(["1", "2"]);
  });

  it("after a sweep outage it sends the current reminder, not the missed ones in a burst", async () => {
    const t = await openWithReminders(5, 31);
    await sendDueReminders(db);
    const rows = await reminderRows(t.channel.id);
    expect(rows.map((r) => r.idempotencyKey.split(":").pop())).toEqual(["6"]);
  });

  it("stop once acknowledged; none for a muted or paused monitor, or without a setting", async () => {
    const t = await openWithReminders(1, 3);
    await acknowledgeIncident(userCtx(db, t.workspaceId), t.incident.id);
    await sendDueReminders(db);
    expect(await reminderRows(t.channel.id)).toHaveLength(0);

    const muted = await openWithReminders(1, 3);
    await db.update(monitors).set({ muted: true }).where(eq(monitors.id, muted.monitor.id));
    const paused = await openWithReminders(1, 3);
    await db.update(monitors).set({ paused: true }).where(eq(monitors.id, paused.monitor.id));
    const never = await openWithReminders(null, 600);
    await sendDueReminders(db);
    for (const x of [muted, paused, never]) expect(await reminderRows(x.channel.id)).toHaveLength(0);
  });
});
