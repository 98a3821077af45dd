import type { AlertOutboxRow, Incident } from "../db/schema";
import { ackUrl } from "./ack-link";
import type { AlertMessage } from "./channel-types/types";
import { wireEvent } from "./events";
import { formatDuration, formatTime } from "./templates/content";

export type MessageMonitor = { id: string; name: string; type: string; url: string | null };
type Row = Pick<AlertOutboxRow, "id" | "event" | "payload" | "createdAt">;

const heartbeatLabel = (m: MessageMonitor | null) => (m?.type === "heartbeat" ? "Heartbeat (cron job)" : null);

/** What a failed heartbeat ping said (store-pings keeps its exit code and the first bytes of its body). */
export function heartbeatFailureFacts(details: Record<string, unknown> | null | undefined): [string, string][] {
  if (!details || details.heartbeat !== "fail") return [];
  const rows: [string, string][] = [];
  if (typeof details.exitCode === "number") rows.push(["Exit code", String(details.exitCode)]);
  if (typeof details.body === "string" && details.body.trim()) rows.push(["Output", details.body.trim().slice(0, 300)]);
  return rows;
}

/**
 * One AlertMessage per outbox row: the same text for every channel type, built once from the row, its
 * incident and its monitor. `deliveryId` is the row id, so every retry of the row carries the same id.
 */
export function buildAlertMessage(input: { row: Row; incident: Incident | null; monitor: MessageMonitor | null; appUrl: string; now?: Date }): AlertMessage {
  const { row, incident: i, monitor: m } = input;
  const app = input.appUrl.replace(/\/$/, "");
  const p = (row.payload ?? {}) as Record<string, unknown>;
  const name = m?.name ?? "A monitor";
  const facts: [string, string][] = [];
  if (m) facts.push(["Monitor", m.name]);
  if (m) facts.push(heartbeatLabel(m) ? ["Type", heartbeatLabel(m)!] : [/^https?:/.test(m.url ?? "") ? "URL" : "Target", m.url ?? "—"]);
  if (i) {
    facts.push(["Cause", i.cause]);
    if (i.statusCode !== null) facts.push(["Status code", String(i.statusCode)]);
    facts.push(...heartbeatFailureFacts(i.details));
    facts.push(["Regions", i.regions.length ? i.regions.join(", ") : m?.type === "heartbeat" ? "n/a (heartbeat)" : "all"]);
    facts.push(["Down since", formatTime(i.startedAt)]);
    if (i.resolvedAt && row.event === "resolved")
      facts.push(["Recovered at", formatTime(i.resolvedAt)], ["Down for", formatDuration(i.resolvedAt.getTime() - i.startedAt.getTime())]);
    if (i.acknowledgedAt && i.acknowledgedBy) facts.push(["Acknowledged", `by ${i.acknowledgedBy.label} at ${formatTime(i.acknowledgedAt)}`]);
  }
  const flapping =
    row.event === "flapping" ? { changes: Number(p.changes ?? 0), since: (p.since as string) ?? null, status: (p.status as string) ?? null } : undefined;
  if (flapping) {
    facts.push(["State changes", String(flapping.changes)]);
    if (flapping.status) facts.push(["Current status", flapping.status]);
  }
  const ongoing = i ? formatDuration((input.now ?? new Date()).getTime() - i.startedAt.getTime()) : "";
  let severity: AlertMessage["severity"] = "info";
  let title: string;
  let lead: string;
  switch (row.event) {
    case "opened":
      severity = "critical";
      title = `DOWN: ${name}${i ? ` (${i.cause})` : ""}`;
      lead = `Vigil opened an incident${i?.regions.length ? ` from ${i.regions.join(", ")}` : ""}.`;
      break;
    case "resolved":
      severity = "resolved";
      title = `RECOVERED: ${name}${i?.resolvedAt ? ` after ${formatDuration(i.resolvedAt.getTime() - i.startedAt.getTime())}` : ""}`;
      lead = "The incident is resolved.";
      break;
    case "flapping":
      severity = "warning";
      title = p.phase === "summary" ? `STABLE again: ${name} (${flapping?.changes ?? 0} changes while flapping)` : `FLAPPING: ${name}`;
      lead =
        p.phase === "summary"
          ? `It changed state ${flapping?.changes ?? 0} times and is now ${flapping?.status ?? "stable"}.`
          : "It keeps changing state; per-change alerts are held until it is stable.";
      break;
    case "reminder":
      severity = "critical";
      title = `STILL DOWN: ${name} (for ${ongoing})`;
      lead = `Reminder ${Number(p.n ?? 1)}: the incident is still open and nobody has acknowledged it.`;
      break;
    case "acknowledged":
      severity = "warning";
      title = `ACKNOWLEDGED: ${name}${i?.acknowledgedBy ? ` by ${i.acknowledgedBy.label}` : ""}`;
      lead = "Someone is on it; reminders stop.";
      break;
    case "certificate_expiring": {
      severity = "warning";
      const at = typeof p.expiresAt === "string" ? new Date(p.expiresAt) : null;
      const days = Number(p.daysLeft ?? p.thresholdDays ?? 0);
      title = `CERTIFICATE EXPIRES in ${days} day${days === 1 ? "" : "s"}: ${name}`;
      lead = at ? `The TLS certificate of ${m?.url ?? name} expires on ${formatTime(at)}. Renew it before then.` : "The TLS certificate expires soon.";
      if (at) facts.push(["Expires", formatTime(at)], ["Days left", String(days)]);
      break;
    }
    case "maintenance_started":
    case "maintenance_ended":
      title = `${row.event === "maintenance_started" ? "MAINTENANCE STARTED" : "MAINTENANCE ENDED"}: ${name}`;
      lead = typeof p.title === "string" ? p.title : "";
      break;
    case "test":
    default:
      title = "Test alert";
      lead = "This is a test of the alert channel. If you can read this, alerts will reach you.";
  }
  const url = i ? `${app}/incidents/${i.id}` : m ? `${app}/monitors/${m.id}` : `${app}/alerts`;
  const canAck = i !== null && i.status === "open" && !i.acknowledgedAt && (row.event === "opened" || row.event === "reminder" || row.event === "flapping");
  return {
    event: row.event,
    wireEvent: wireEvent(row.event),
    deliveryId: row.id,
    occurredAt: row.createdAt.toISOString(),
    severity,
    title,
    summary: [lead, ...facts.filter(([k]) => k === "Cause" || k === "Exit code" || k === "Down since").map(([k, v]) => `${k}: ${v}`)]
      .filter(Boolean)
      .join("\n"),
    facts,
    monitor: m ? { id: m.id, name: m.name, type: m.type, url: m.url } : null,
    incident: i
      ? {
          id: i.id,
          status: i.status,
          cause: i.cause,
          startedAt: i.startedAt.toISOString(),
          resolvedAt: i.resolvedAt?.toISOString() ?? null,
          regions: i.regions,
          acknowledgedAt: i.acknowledgedAt?.toISOString() ?? null,
          acknowledgedBy: i.acknowledgedBy?.label ?? null,
        }
      : null,
    url,
    ackUrl: canAck ? ackUrl(app, i!.id) : null,
    details: { phase: p.phase as "start" | "summary" | undefined, flapping, statusCode: i?.statusCode ?? null, errorClass: i?.errorClass ?? null },
  };
}
