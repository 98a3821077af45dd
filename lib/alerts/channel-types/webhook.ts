import { z } from "zod";
import { MonitorHeaders } from "../../monitors/schema";
import { signWebhook } from "../signature";
import { compactSecrets, httpUrlTarget, jsonPost, secretField } from "./format";
import type { AlertMessage, ChannelTypeModule } from "./types";

// Headers Vigil sets on every webhook: a channel's custom headers may not replace them.
const VIGIL_HEADERS = new Set(["content-type", "user-agent", "vigil-event", "vigil-delivery", "vigil-signature"]);

const WebhookConfig = z.strictObject({
  headers: MonitorHeaders.default({}).superRefine((headers, ctx) => {
    for (const name of Object.keys(headers)) {
      if (VIGIL_HEADERS.has(name.toLowerCase())) ctx.addIssue({ code: "custom", message: `The ${name} header is set by Vigil and can't be overridden` });
    }
  }),
});

/** The body every webhook receives (the public contract: field names and order are stable). */
export function webhookBody(m: AlertMessage) {
  const i = m.incident;
  return {
    event: m.wireEvent,
    deliveryId: m.deliveryId,
    occurredAt: m.occurredAt,
    monitor: m.monitor ? { id: m.monitor.id, name: m.monitor.name, type: m.monitor.type, url: m.monitor.url } : null,
    incident: i ? { id: i.id, status: i.status, cause: i.cause, startedAt: i.startedAt, resolvedAt: i.resolvedAt, regions: i.regions } : null,
    url: m.url,
  };
}

export const webhook: ChannelTypeModule = {
  type: "webhook",
  label: "Webhook",
  targetLabel: "Webhook URL",
  targetPlaceholder: "https://example.com/hooks/vigil",
  target: httpUrlTarget({ label: "Webhook URL" }),
  config: WebhookConfig as unknown as z.ZodType<Record<string, unknown>>,
  secrets: z.strictObject({ secret: secretField("Signing secret") }).transform(compactSecrets),
  requiredSecrets: [],
  needsVerification: false,
  send(channel, message, deps) {
    const body = JSON.stringify(webhookBody(message));
    const custom = (channel.config.headers ?? {}) as Record<string, string>;
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(custom)) if (!VIGIL_HEADERS.has(k.toLowerCase())) headers[k] = v;
    headers["Content-Type"] = "application/json";
    headers["Vigil-Event"] = message.wireEvent;
    headers["Vigil-Delivery"] = message.deliveryId;
    const secret = channel.secrets.secret;
    // Signed at send time (not once per delivery): a retry hours later still passes a 5-minute tolerance.
    if (secret) headers["Vigil-Signature"] = signWebhook(secret, body);
    const req = jsonPost(channel.target, null, headers, secret ? [secret] : []);
    return deps.http({ ...req, body });
  },
};
