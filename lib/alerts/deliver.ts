import { and, eq, inArray, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import type { Db } from "../db/client";
import { env } from "../env";
import { alertChannels, alertOutbox, incidents, monitors, type AlertChannel, type AlertOutboxRow, type Incident } from "../db/schema";
import { channelType } from "./channel-types/registry";
import { renderAlertEmail } from "./templates/render";
import type { AlertMessage, ChannelTypeModule, SendDeps, SendResult } from "./channel-types/types";
import { buildAlertMessage, type MessageMonitor } from "./message";
import { messageTarget } from "./message-target";
import { sendHttp } from "./outgoing";

export type DeliverOptions = {
  transport?: Transporter;
  /** A claim older than this is presumed dead and taken over. Must exceed the longest possible send. */
  leaseMs?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** Retryable failures are retried until the row is this old, then it fails for good (24 h). */
  giveUpAfterMs?: number;
  limit?: number;
  concurrency?: number;
  appUrl?: string;
  from?: string;
  /** Overrides for the send dependencies (tests and the benchmark). */
  deps?: Partial<SendDeps>;
  /** Resolves a channel type's module (default: the registry). */
  types?: (type: AlertChannel["type"]) => ChannelTypeModule;
};

// The longest send is SMTP (≤ ~40 s with the timeouts below); HTTP gives up after 10 s. A live sender
// always finishes well inside the lease, so a reclaim only ever happens for a dead one.
const LEASE_MS = 120_000;
const GIVE_UP_MS = 24 * 3600_000;
const g = globalThis as unknown as { __vigilAlertMailer?: Transporter };

/** The alert transport: SMTP_URL with bounded timeouts (≤ ~40 s per send). */
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
  const rows = (await db.execute(sql`
    update alert_outbox set status = 'sending', claimed_at = now(), attempts = attempts + 1
    where id in (
      select id from alert_outbox
      where (status = 'pending' and next_attempt_at <= now())
         or (status = 'sending' and claimed_at < now() - ${lease}::interval)
      order by next_attempt_at
      limit ${limit}
      for update skip locked)
    returning id, workspace_id as "workspaceId", incident_id as "incidentId", monitor_id as "monitorId", channel_id as "channelId", event,
      idempotency_key as "idempotencyKey", status, attempts, payload, created_at as "createdAt"`)) as unknown as (AlertOutboxRow & {
    createdAt: Date | string;
  })[];
  // Raw rows bring timestamps as strings.
  return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt) }));
}

export function isPermanentSmtpError(err: unknown): boolean {
  const e = err as { responseCode?: number; code?: string };
  return typeof e?.responseCode === "number" && e.responseCode >= 500 && e.responseCode < 600;
}

/** Base 5 s doubling per attempt, capped at 10 min, ±20 % jitter: the first retry comes within 30 s. */
export function backoffMs(attempts: number, o: Pick<DeliverOptions, "backoffBaseMs" | "backoffMaxMs"> = {}): number {
  const base = o.backoffBaseMs ?? 5_000;
  const raw = Math.min(base * 2 ** Math.max(0, attempts - 1), o.backoffMaxMs ?? 10 * 60_000);
  return Math.round(raw * (0.8 + Math.random() * 0.4));
}

/** Sends through nodemailer; an SMTP 5xx is permanent, anything else (connection, timeout, 4xx) is retried. */
function mailSender(transport: Transporter, from: string): SendDeps["mail"] {
  return async (m) => {
    try {
      await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text, html: m.html, messageId: m.messageId, headers: m.headers });
      return { ok: true };
    } catch (err) {
      const error = (err instanceof Error ? err.message : String(err)).slice(0, 500);
      return { ok: false, permanent: isPermanentSmtpError(err), error };
    }
  };
}

function sendDeps(o: DeliverOptions): SendDeps {
  return {
    http: sendHttp,
    mail: mailSender(o.transport ?? alertTransport(), o.from ?? env.MAIL_FROM),
    renderEmail: renderAlertEmail,
    appUrl: o.appUrl ?? env.APP_URL,
    pagerdutyEventsUrl: env.PAGERDUTY_EVENTS_URL,
    telegramApiUrl: env.TELEGRAM_API_URL,
    ...o.deps,
  };
}

type RowContext = { channel: AlertChannel | undefined; incident: Incident | null; monitor: (MessageMonitor & { muted: boolean }) | null };

/** Channels, incidents and monitors of a claimed batch in three reads, whatever its size. */
async function loadContexts(db: Db, rows: AlertOutboxRow[]): Promise<Map<string, RowContext>> {
  const channelIds = [...new Set(rows.map((r) => r.channelId))];
  const incidentIds = [...new Set(rows.map((r) => r.incidentId).filter((x): x is string => !!x))];
  const [channels, incs] = await Promise.all([
    db.select().from(alertChannels).where(inArray(alertChannels.id, channelIds)),
    incidentIds.length ? db.select().from(incidents).where(inArray(incidents.id, incidentIds)) : Promise.resolve([] as Incident[]),
  ]);
  const monitorIds = [...new Set([...incs.map((i) => i.monitorId), ...rows.map((r) => r.monitorId).filter((x): x is string => !!x)])];
  const mons = monitorIds.length
    ? (
        await db
          .select({ id: monitors.id, name: monitors.name, type: monitors.type, url: monitors.url, settings: monitors.settings, muted: monitors.muted })
          .from(monitors)
          .where(inArray(monitors.id, monitorIds))
      ).map(({ settings: _settings, ...m }) => ({ ...m, url: m.url ?? messageTarget({ ...m, settings: _settings }) }))
    : [];
  const ch = new Map(channels.map((c) => [c.id, c]));
  const inc = new Map(incs.map((i) => [i.id, i]));
  const mon = new Map(mons.map((m) => [m.id, m]));
  return new Map(
    rows.map((r) => {
      const incident = r.incidentId ? (inc.get(r.incidentId) ?? null) : null;
      const monitorId = incident?.monitorId ?? r.monitorId;
      return [r.id, { channel: ch.get(r.channelId), incident, monitor: monitorId ? (mon.get(monitorId) ?? null) : null }];
    }),
  );
}

/** The type's module sends; an unknown type fails for good, a module that throws is retried. */
async function sendThroughType(
  channel: AlertChannel,
  message: AlertMessage,
  deps: SendDeps,
  types: (type: AlertChannel["type"]) => ChannelTypeModule,
): Promise<SendResult> {
  let mod: ChannelTypeModule;
  try {
    mod = types(channel.type);
  } catch {
    return { ok: false, permanent: true, error: `Unknown channel type ${channel.type}` };
  }
  try {
    return await mod.send(
      { id: channel.id, type: channel.type, name: channel.name, target: channel.target, config: channel.config, secrets: channel.secrets },
      message,
      deps,
    );
  } catch (err) {
    // A module that throws is a bug or an unexpected network error: retry rather than lose the alert.
    return { ok: false, permanent: false, error: (err instanceof Error ? err.message : String(err)).slice(0, 500) };
  }
}

export type DeliveryOutcome = "sent" | "retry" | "failed" | "suppressed" | "lost-lease";

/**
 * Channels that took a delivery during a pass. Their lastDeliveryAt is written once per pass, not per
 * delivery: every row of a channel updating the same channel row would queue on its row lock.
 */
type DeliveredChannels = { ok: Set<string>; failed: Set<string> };

async function recordDelivered(db: Db, d: DeliveredChannels): Promise<void> {
  const ok = [...d.ok].filter((id) => !d.failed.has(id));
  const mixed = [...d.ok].filter((id) => d.failed.has(id));
  if (ok.length) await db.update(alertChannels).set({ lastDeliveryAt: new Date(), lastError: null, lastErrorAt: null }).where(inArray(alertChannels.id, ok));
  // A channel that also failed for good in this pass keeps that error on show.
  if (mixed.length) await db.update(alertChannels).set({ lastDeliveryAt: new Date() }).where(inArray(alertChannels.id, mixed));
}

/** Sends one claimed row and records the outcome; returns what happened. */
export async function deliverClaimed(
  db: Db,
  row: AlertOutboxRow,
  o: DeliverOptions = {},
  context?: RowContext,
  deps?: SendDeps,
  delivered?: DeliveredChannels,
): Promise<DeliveryOutcome> {
  const fence = and(eq(alertOutbox.id, row.id), eq(alertOutbox.status, "sending"), eq(alertOutbox.attempts, row.attempts));
  const { channel, incident, monitor } = context ?? (await loadContexts(db, [row])).get(row.id)!;
  // Muted or unconfirmed after the row was written: nothing goes out, and it is not an error on the channel.
  const why = !channel
    ? "channel deleted"
    : !channel.verified
      ? "suppressed: address not confirmed"
      : row.event !== "test" && (channel.muted || monitor?.muted)
        ? "suppressed: muted"
        : null;
  if (why || !channel) {
    await db.update(alertOutbox).set({ status: "failed", lastError: why }).where(fence);
    return "suppressed";
  }
  const d = deps ?? sendDeps(o);
  const message = buildAlertMessage({ row, incident, monitor, appUrl: d.appUrl });
  const result = await sendThroughType(channel, message, d, o.types ?? channelType);
  const now = new Date();
  if (result.ok) {
    // Right after the receiver's 2xx: the only window for a duplicate is a crash between send and this line
    // (and the receiver dedupes by Vigil-Delivery / Message-ID, which a resend repeats).
    const marked = await db.update(alertOutbox).set({ status: "sent", sentAt: now, lastError: null }).where(fence).returning({ id: alertOutbox.id });
    if (delivered) delivered.ok.add(channel.id);
    else await recordDelivered(db, { ok: new Set([channel.id]), failed: new Set() });
    return marked.length ? "sent" : "lost-lease";
  }
  const error = result.error.slice(0, 500);
  let wait = backoffMs(row.attempts, o);
  if (result.retryAfterSeconds) wait = Math.max(wait, Math.min(result.retryAfterSeconds, 3600) * 1000);
  const expired = now.getTime() + wait - row.createdAt.getTime() > (o.giveUpAfterMs ?? GIVE_UP_MS);
  if (result.permanent || expired) {
    const recorded = expired && !result.permanent ? `gave up after ${row.attempts} attempts in 24 h: ${error}` : error;
    await db.update(alertOutbox).set({ status: "failed", lastError: recorded }).where(fence);
    await db.update(alertChannels).set({ lastError: recorded, lastErrorAt: now }).where(eq(alertChannels.id, channel.id));
    delivered?.failed.add(channel.id);
    return "failed";
  }
  await db
    .update(alertOutbox)
    .set({ status: "pending", lastError: error, nextAttemptAt: new Date(now.getTime() + wait) })
    .where(fence);
  return "retry";
}

/** One delivery pass: claim what is due and send it with bounded concurrency. Returns rows handled. */
export async function deliverDueAlerts(db: Db, o: DeliverOptions = {}): Promise<number> {
  const rows = await claimDueAlerts(db, o.limit ?? 20, o.leaseMs ?? LEASE_MS);
  if (rows.length === 0) return 0;
  const contexts = await loadContexts(db, rows);
  const deps = sendDeps(o);
  const delivered: DeliveredChannels = { ok: new Set(), failed: new Set() };
  const queue = [...rows];
  const lanes = Array.from({ length: Math.min(o.concurrency ?? 5, queue.length) }, async () => {
    for (let row = queue.shift(); row; row = queue.shift()) await deliverClaimed(db, row, o, contexts.get(row.id), deps, delivered);
  });
  await Promise.all(lanes);
  await recordDelivered(db, delivered);
  return rows.length;
}
