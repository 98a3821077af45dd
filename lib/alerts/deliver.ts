import { and, eq, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "../db/client";
import { env } from "../env";
import { alertChannels, alertOutbox, incidents, monitors, type AlertOutboxRow } from "../db/schema";
import { renderAlertEmail } from "./templates/render";
import type { AlertContent } from "./templates/content";

export type DeliverOptions = {
  transport?: Transporter;
  /** A claim older than this is presumed dead and taken over. Must exceed the longest possible send. */
  leaseMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  limit?: number;
  concurrency?: number;
  appUrl?: string;
  from?: string;
};

const LEASE_MS = 120_000;
const g = globalThis as unknown as { __vigilAlertMailer?: Transporter };

/**
 * The alert transport: SMTP_URL with bounded timeouts (≤ ~40 s per send), so a live sender always
 * finishes well inside the 120 s lease and a reclaim only ever happens for a dead one.
 */
export function alertTransport(): Transporter {
  g.__vigilAlertMailer ??= nodemailer.createTransport({ url: env.SMTP_URL, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return g.__vigilAlertMailer;
}

/**
 * Conditional claim: a row is taken if it is pending and due, or if its previous claim's lease ran out
 * (the sender died). SKIP LOCKED lets any number of workers claim concurrently without waiting, and the
 * UPDATE (attempts + 1) is the fencing token the final "mark sent" checks.
 */
export async function claimDueAlerts(db: Db, limit = 20, leaseMs = LEASE_MS): Promise<AlertOutboxRow[]> {
  const lease = `${Math.round(leaseMs)} milliseconds`;
  return db.execute<AlertOutboxRow>(sql`
    update alert_outbox set status = 'sending', claimed_at = now(), attempts = attempts + 1
    where id in (
      select id from alert_outbox
      where (status = 'pending' and next_attempt_at <= now())
         or (status = 'sending' and claimed_at < now() - ${lease}::interval)
      order by next_attempt_at
      limit ${limit}
      for update skip locked)
    returning id, workspace_id as "workspaceId", incident_id as "incidentId", channel_id as "channelId", event,
      idempotency_key as "idempotencyKey", status, attempts, payload`) as unknown as Promise<AlertOutboxRow[]>;
}

export function isPermanentSmtpError(err: unknown): boolean {
  const e = err as { responseCode?: number; code?: string };
  return typeof e?.responseCode === "number" && e.responseCode >= 500 && e.responseCode < 600;
}

function backoffMs(attempts: number, o: DeliverOptions): number {
  const base = o.backoffBaseMs ?? 5_000;
  const raw = Math.min(base * 2 ** Math.max(0, attempts - 1), o.backoffMaxMs ?? 10 * 60_000);
  return Math.round(raw * (0.8 + Math.random() * 0.4));
}

async function loadContent(db: Db, row: AlertOutboxRow, target: string, appUrl: string): Promise<AlertContent> {
  const [incident] = row.incidentId ? await db.select().from(incidents).where(eq(incidents.id, row.incidentId)) : [];
  const [monitor] = incident ? await db.select({ id: monitors.id, name: monitors.name, type: monitors.type, url: monitors.url }).from(monitors).where(eq(monitors.id, incident.monitorId)) : [];
  const p = (row.payload ?? {}) as { phase?: "start" | "summary"; changes?: number; since?: string; status?: string };
  return {
    event: row.event, phase: p.phase, appUrl, channelTarget: target,
    monitor: monitor ? { id: monitor.id, name: monitor.name, type: monitor.type, target: monitor.type === "http" ? monitor.url : "heartbeat" } : null,
    incident: incident ? { id: incident.id, cause: incident.cause, statusCode: incident.statusCode, errorClass: incident.errorClass, regions: incident.regions, startedAt: incident.startedAt, resolvedAt: row.event === "resolved" ? incident.resolvedAt : null } : null,
    flapping: row.event === "flapping" ? { changes: p.changes ?? 0, since: p.since ?? null, status: p.status ?? null } : undefined,
  };
}

/** Sends one claimed row and records the outcome; returns what happened. */
export async function deliverClaimed(db: Db, row: AlertOutboxRow, o: DeliverOptions = {}): Promise<"sent" | "retry" | "failed" | "suppressed" | "lost-lease"> {
  const fence = and(eq(alertOutbox.id, row.id), eq(alertOutbox.status, "sending"), eq(alertOutbox.attempts, row.attempts));
  const [channel] = await db.select().from(alertChannels).where(eq(alertChannels.id, row.channelId));
  const [mon] = row.incidentId
    ? await db.select({ muted: monitors.muted }).from(incidents).innerJoin(monitors, eq(monitors.id, incidents.monitorId)).where(eq(incidents.id, row.incidentId))
    : [];
  // Muted after the row was written: no email, and not an error on the channel.
  if (!channel || (row.event !== "test" && (channel.muted || mon?.muted))) {
    await db.update(alertOutbox).set({ status: "failed", lastError: channel ? "suppressed: muted" : "channel deleted" }).where(fence);
    return "suppressed";
  }
  const email = renderAlertEmail(await loadContent(db, row, channel.target, o.appUrl ?? env.APP_URL));
  const domain = new URL(o.appUrl ?? env.APP_URL).hostname || "vigil.local";
  try {
    await (o.transport ?? alertTransport()).sendMail({
      from: o.from ?? env.MAIL_FROM,
      to: channel.target,
      subject: email.subject,
      text: email.text,
      html: email.html,
      // The same outbox row always yields the same Message-ID: if the residual crash window ever
      // produces a second copy, mail clients and servers that dedupe by Message-ID fold it into one.
      messageId: `<alert-${row.id}@${domain}>`,
      headers: { "X-Vigil-Idempotency-Key": row.idempotencyKey, "X-Vigil-Event": row.event },
    });
  } catch (err) {
    const message = (err instanceof Error ? err.message : String(err)).slice(0, 500);
    if (isPermanentSmtpError(err)) {
      await db.update(alertOutbox).set({ status: "failed", lastError: message }).where(fence);
      await db.update(alertChannels).set({ lastError: message, lastErrorAt: new Date() }).where(eq(alertChannels.id, channel.id));
      return "failed";
    }
    await db.update(alertOutbox).set({ status: "pending", lastError: message, nextAttemptAt: new Date(Date.now() + backoffMs(row.attempts, o)) }).where(fence);
    return "retry";
  }
  // Right after the server's 250: the only window for a duplicate is a crash between these two lines.
  const marked = await db.update(alertOutbox).set({ status: "sent", sentAt: new Date(), lastError: null }).where(fence).returning({ id: alertOutbox.id });
  if (channel.lastError) await db.update(alertChannels).set({ lastError: null, lastErrorAt: null }).where(eq(alertChannels.id, channel.id));
  return marked.length ? "sent" : "lost-lease";
}

/** One delivery pass: claim what is due and send it with bounded concurrency. Returns rows handled. */
export async function deliverDueAlerts(db: Db, o: DeliverOptions = {}): Promise<number> {
  const rows = await claimDueAlerts(db, o.limit ?? 20, o.leaseMs ?? LEASE_MS);
  const queue = [...rows];
  const lanes = Array.from({ length: Math.min(o.concurrency ?? 5, queue.length) }, async () => {
    for (let row = queue.shift(); row; row = queue.shift()) await deliverClaimed(db, row, o);
  });
  await Promise.all(lanes);
  return rows.length;
}
