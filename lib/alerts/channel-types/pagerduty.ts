import { z } from "zod";
import { compactSecrets, emptyConfig, jsonPost, secretField, truncate } from "./format";
import type { AlertMessage, ChannelForSend, ChannelTypeModule, SendDeps, SendResult } from "./types";

type Action = "trigger" | "acknowledge" | "resolve";

/** Which Events API v2 action an alert is; null = PagerDuty is not told (maintenance windows). */
export function pagerdutyAction(m: AlertMessage): Action | null {
  switch (m.event) {
    case "resolved":
      return "resolve";
    case "acknowledged":
      return "acknowledge";
    case "maintenance_started":
    case "maintenance_ended":
      return null;
    case "flapping":
      // A flapping summary arrives once the monitor settled: settle PagerDuty's alert the same way.
      return m.incident?.status === "resolved" ? "resolve" : "trigger";
    default:
      return "trigger"; // opened, reminder, certificate_expiring, test
  }
}

/** One alert per incident: the incident id; certificate alerts per monitor; tests per delivery. */
export function pagerdutyDedupKey(m: AlertMessage): string {
  if (m.event === "test") return `test-${m.deliveryId}`;
  if (m.incident) return m.incident.id;
  return `${m.wireEvent}-${m.monitor?.id ?? m.deliveryId}`;
}

export function pagerdutyEvent(routingKey: string, m: AlertMessage, action: Action) {
  const base = { routing_key: routingKey, event_action: action, dedup_key: pagerdutyDedupKey(m) };
  if (action !== "trigger") return base;
  return {
    ...base,
    payload: {
      summary: truncate(m.title, 1024),
      source: m.monitor?.url ?? m.monitor?.name ?? "vigil",
      severity: m.severity === "resolved" ? "info" : m.severity,
      timestamp: m.occurredAt,
      component: m.monitor?.name,
      class: m.wireEvent,
      custom_details: { ...Object.fromEntries(m.facts), summary: m.summary, deliveryId: m.deliveryId },
    },
    client: "Vigil",
    client_url: m.url,
    links: [{ href: m.url, text: "Open in Vigil" }, ...(m.ackUrl ? [{ href: m.ackUrl, text: "Acknowledge in Vigil" }] : [])],
  };
}

async function send(channel: ChannelForSend, m: AlertMessage, deps: SendDeps): Promise<SendResult> {
  const key = channel.secrets.routingKey ?? "";
  const action = pagerdutyAction(m);
  if (!action) return { ok: true };
  const post = (a: Action) => deps.http(jsonPost(deps.pagerdutyEventsUrl, pagerdutyEvent(key, m, a), {}, [key]));
  const first = await post(action);
  // A test must not leave an open incident behind: resolve it straight away (same dedup key).
  if (!first.ok || m.event !== "test") return first;
  return post("resolve");
}

export const pagerduty: ChannelTypeModule = {
  type: "pagerduty",
  label: "PagerDuty",
  targetLabel: "Target",
  targetPlaceholder: "",
  target: z.string().trim().max(0, "PagerDuty channels have no target: set the routing key"),
  config: emptyConfig,
  secrets: z
    .strictObject({
      routingKey: secretField("Routing key", {
        pattern: /^[A-Za-z0-9]{32}$/,
        patternMessage: "Routing key must be the 32-character integration key of an Events API v2 integration",
      }),
    })
    .transform(compactSecrets),
  requiredSecrets: ["routingKey"],
  needsVerification: false,
  send,
};
