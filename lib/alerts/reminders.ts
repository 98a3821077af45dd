import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { incidents } from "../db/schema";
import { enqueueIncidentAlerts } from "../incidents/enqueue-alerts";

type Due = { id: string; workspaceId: string; monitorId: string; sent: number; due: number };

/**
 * Reminder sweep: every open, unacknowledged incident of an unmuted, unpaused monitor with
 * `remindEveryMinutes` gets reminder n once now ≥ startedAt + n × interval. Only open incidents are read
 * (the partial unique index on open incidents serves it), so a sweep costs little however much history
 * there is. After an outage of the sweep it jumps to the current n instead of sending the missed ones
 * in a burst. The conditional update on remindersSent lets one worker send reminder n, never two, and
 * the outbox rows commit with it (idempotency key `<incident>:<channel>:reminder:<n>`).
 */
export async function sendDueReminders(db: Db, now = new Date(), limit = 500): Promise<number> {
  const due = (await db.execute(sql`
    select i.id, i.workspace_id as "workspaceId", i.monitor_id as "monitorId", i.reminders_sent as sent,
      floor(extract(epoch from (${now.toISOString()}::timestamptz - i.started_at)) / (m.remind_every_minutes * 60))::int as due
    from incidents i join monitors m on m.id = i.monitor_id
    where i.status = 'open' and i.acknowledged_at is null
      and m.remind_every_minutes is not null and m.remind_every_minutes > 0 and not m.muted and not m.paused
      and ${now.toISOString()}::timestamptz >= i.started_at + (i.reminders_sent + 1) * m.remind_every_minutes * interval '1 minute'
    limit ${limit}`)) as unknown as Due[];
  let sent = 0;
  for (const d of due) {
    const n = Math.max(d.due, d.sent + 1);
    const done = await db.transaction(async (tx) => {
      const [won] = await tx
        .update(incidents)
        .set({ remindersSent: n, lastRemindedAt: now })
        .where(and(eq(incidents.id, d.id), eq(incidents.status, "open"), isNull(incidents.acknowledgedAt), eq(incidents.remindersSent, d.sent)))
        .returning({ id: incidents.id });
      if (!won) return false;
      await enqueueIncidentAlerts(tx, {
        workspaceId: d.workspaceId,
        monitorId: d.monitorId,
        incidentId: d.id,
        event: "reminder",
        keySuffix: `:${n}`,
        payload: { n },
      });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}
