import { z } from "zod";
import type { AlertContent } from "../templates/content";
import { emptyConfig } from "./format";
import type { AlertMessage, ChannelTypeModule } from "./types";

/** The email templates speak AlertContent (dates, flapping details): adapt the shared message to it. */
export function emailContent(m: AlertMessage, appUrl: string, target: string): AlertContent {
  const i = m.incident;
  return {
    event: m.event,
    phase: m.details?.phase,
    appUrl,
    channelTarget: target,
    monitor: m.monitor
      ? { id: m.monitor.id, name: m.monitor.name, type: m.monitor.type, target: m.monitor.type === "heartbeat" ? "heartbeat" : m.monitor.url }
      : null,
    incident: i
      ? {
          id: i.id,
          cause: i.cause,
          statusCode: m.details?.statusCode ?? null,
          errorClass: m.details?.errorClass ?? null,
          regions: i.regions,
          startedAt: new Date(i.startedAt),
          resolvedAt: m.event === "resolved" && i.resolvedAt ? new Date(i.resolvedAt) : null,
        }
      : null,
    flapping: m.event === "flapping" ? (m.details?.flapping ?? { changes: 0, since: null, status: null }) : undefined,
    ackUrl: m.ackUrl,
    message: { title: m.title, summary: m.summary, facts: m.facts },
  };
}

export const email: ChannelTypeModule = {
  type: "email",
  label: "Email",
  targetLabel: "Email address",
  targetPlaceholder: "oncall@example.com",
  target: z
    .string({ error: "Email address is required" })
    .trim()
    .toLowerCase()
    .max(254, "Email address must be at most 254 characters")
    .pipe(z.email({ message: "Enter a valid email address" })),
  config: emptyConfig,
  secrets: z.strictObject({}),
  requiredSecrets: [],
  needsVerification: true,
  send(channel, message, deps) {
    const rendered = deps.renderEmail(emailContent(message, deps.appUrl, channel.target));
    const domain = new URL(deps.appUrl).hostname || "vigil.local";
    return deps.mail({
      to: channel.target,
      ...rendered,
      // The same delivery always yields the same Message-ID, so a rare duplicate folds into one.
      messageId: `<alert-${message.deliveryId}@${domain}>`,
      headers: { "X-Vigil-Delivery": message.deliveryId, "X-Vigil-Event": message.wireEvent },
    });
  },
};
