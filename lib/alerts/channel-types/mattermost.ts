import { z } from "zod";
import { SEVERITY_HEX, emptyConfig, escapeSlack, httpUrlTarget, jsonPost, linkLabel, truncate } from "./format";
import type { AlertMessage, ChannelTypeModule } from "./types";

/** Mattermost incoming webhook: Slack-compatible message attachments (colour bar, title link, fields). */
export function mattermostPayload(m: AlertMessage) {
  const links = [`[${linkLabel(m)}](${m.url})`, ...(m.ackUrl ? [`[Acknowledge](${m.ackUrl})`] : [])].join(" · ");
  return {
    text: truncate(escapeSlack(m.title), 4000),
    attachments: [
      {
        fallback: truncate(m.title, 500),
        color: SEVERITY_HEX[m.severity],
        title: truncate(m.title, 250),
        title_link: m.url,
        text: truncate(`${escapeSlack(m.summary)}\n\n${links}`, 6000),
        fields: m.facts.map(([title, value]) => ({ short: true, title, value: escapeSlack(value) })),
        footer: `Vigil · ${m.wireEvent}`,
      },
    ],
  };
}

export const mattermost: ChannelTypeModule = {
  type: "mattermost",
  label: "Mattermost",
  targetLabel: "Incoming webhook URL",
  targetPlaceholder: "https://chat.example.com/hooks/xxxxxxxxxxxxxxxxxxxxxxxxxx",
  target: httpUrlTarget({ label: "Incoming webhook URL" }),
  config: emptyConfig,
  secrets: z.strictObject({}),
  requiredSecrets: [],
  needsVerification: false,
  send: (channel, message, deps) => deps.http(jsonPost(channel.target, mattermostPayload(message))),
};
