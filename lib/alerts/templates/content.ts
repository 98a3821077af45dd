import type { AlertEvent } from "../../db/schema";

/** Everything an alert email says, gathered by the delivery from the outbox row, its incident and monitor. */
export type AlertContent = {
  event: AlertEvent;
  phase?: "start" | "summary";
  appUrl: string;
  monitor: { id: string; name: string; type: string; target: string | null } | null;
  incident: {
    id: string;
    cause: string;
    statusCode: number | null;
    errorClass: string | null;
    regions: string[];
    startedAt: Date;
    resolvedAt: Date | null;
  } | null;
  flapping?: { changes: number; since: string | null; status: string | null };
  channelTarget: string;
  /** Signed link that acknowledges the incident without signing in (open incidents only). */
  ackUrl?: string | null;
  /** The channel-neutral message (lib/alerts/message.ts): its wording is used for events without copy of their own here. */
  message?: { title: string; summary: string; facts: [string, string][] };
};

export function formatDuration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  const d = Math.floor(s / 86_400),
    h = Math.floor((s % 86_400) / 3600),
    m = Math.floor((s % 3600) / 60),
    sec = s % 60;
  const parts = d ? [`${d}d`, `${h}h`] : h ? [`${h}h`, `${m}m`] : m ? [`${m}m`, `${sec}s`] : [`${sec}s`];
  return parts.join(" ");
}

export function formatTime(d: Date): string {
  return d
    .toISOString()
    .replace("T", " ")
    .replace(/\.\d+Z$/, " UTC");
}

export function incidentUrl(c: AlertContent): string | null {
  return c.incident ? `${c.appUrl.replace(/\/$/, "")}/incidents/${c.incident.id}` : null;
}

/** Facts shown as a small table in HTML and as "Label: value" lines in text. */
export function facts(c: AlertContent): [string, string][] {
  const rows: [string, string][] = [];
  const i = c.incident;
  if (c.monitor) rows.push(["Monitor", c.monitor.name]);
  if (c.monitor?.target)
    rows.push([c.monitor.type === "heartbeat" ? "Type" : "URL", c.monitor.type === "heartbeat" ? "Heartbeat (cron job)" : c.monitor.target]);
  if (!i) return rows;
  rows.push(["Cause", i.cause]);
  // What a failed heartbeat ping said (lib/alerts/message.ts heartbeatFailureFacts).
  for (const f of c.message?.facts ?? []) if (f[0] === "Exit code" || f[0] === "Output") rows.push(f);
  if (i.statusCode !== null) rows.push(["Status code", String(i.statusCode)]);
  if (i.errorClass) rows.push(["Error class", i.errorClass]);
  rows.push(["Regions", i.regions.length ? i.regions.join(", ") : c.monitor?.type === "heartbeat" ? "n/a (heartbeat)" : "all"]);
  rows.push(["Down since", formatTime(i.startedAt)]);
  if (i.resolvedAt) {
    rows.push(["Recovered at", formatTime(i.resolvedAt)]);
    rows.push(["Down for", formatDuration(i.resolvedAt.getTime() - i.startedAt.getTime())]);
  }
  if (c.flapping) {
    rows.push(["State changes", String(c.flapping.changes)]);
    if (c.flapping.status) rows.push(["Current status", c.flapping.status]);
  }
  return rows;
}
