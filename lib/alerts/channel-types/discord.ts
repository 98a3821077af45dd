import { z } from "zod";
import { emptyConfig, httpUrlTarget, jsonPost, linkLabel, severityInt, truncate } from "./format";
import type { AlertMessage, ChannelTypeModule } from "./types";

/** Discord execute-webhook body: one embed, and no @mentions parsed from monitor names or causes. */
export function discordPayload(m: AlertMessage) {
  const links = [`[${linkLabel(m)}](${m.url})`, ...(m.ackUrl ? [`[Acknowledge](${m.ackUrl})`] : [])].join(" · ");
  return {
    allowed_mentions: { parse: [] },
    embeds: [
      {
        title: truncate(m.title, 256),
        description: truncate(`${m.summary}\n\n${links}`, 4096),
        url: m.url,
        color: severityInt(m.severity),
        fields: m.facts.slice(0, 25).map(([k, v]) => ({ name: truncate(k, 256), value: truncate(v || "—", 1024), inline: true })),
        timestamp: m.occurredAt,
        footer: { text: `Vigil · ${m.wireEvent}` },
      },
    ],
  };
}

export const discord: ChannelTypeModule = {
  type: "discord",
  label: "Discord",
  targetLabel: "Webhook URL",
  targetPlaceholder: "https://discord.com/api/webhooks/123/abc",
  target: httpUrlTarget({ label: "Webhook URL", httpsOnly: true }),
  config: emptyConfig,
  secrets: z.strictObject({}),
  requiredSecrets: [],
  needsVerification: false,
  send: (channel, message, deps) => deps.http(jsonPost(channel.target, discordPayload(message))),
};
