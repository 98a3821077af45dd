import { z } from "zod";
import { emptyConfig, escapeSlack, httpUrlTarget, jsonPost, linkLabel, truncate } from "./format";
import type { AlertMessage, ChannelTypeModule } from "./types";

/** Block Kit message for a Slack incoming webhook; `text` is the notification/fallback line. */
export function slackPayload(m: AlertMessage) {
  const buttons: unknown[] = [{ type: "button", text: { type: "plain_text", text: linkLabel(m) }, url: m.url }];
  if (m.ackUrl) buttons.push({ type: "button", text: { type: "plain_text", text: "Acknowledge" }, url: m.ackUrl, style: "primary" });
  return {
    text: truncate(m.title, 3000),
    blocks: [
      { type: "header", text: { type: "plain_text", text: truncate(m.title, 150), emoji: true } },
      { type: "section", text: { type: "mrkdwn", text: truncate(escapeSlack(m.summary), 3000) } },
      ...(m.facts.length
        ? [
            {
              type: "section",
              fields: m.facts.slice(0, 10).map(([k, v]) => ({ type: "mrkdwn", text: truncate(`*${escapeSlack(k)}*\n${escapeSlack(v)}`, 2000) })),
            },
          ]
        : []),
      { type: "actions", elements: buttons },
      {
        type: "context",
        elements: [
          {
            type: "mrkdwn",
            text: `Vigil · ${m.wireEvent} · <!date^${Math.floor(Date.parse(m.occurredAt) / 1000)}^{date_short_pretty} {time}|${m.occurredAt}>`,
          },
        ],
      },
    ],
  };
}

export const slack: ChannelTypeModule = {
  type: "slack",
  label: "Slack",
  targetLabel: "Incoming webhook URL",
  targetPlaceholder: "https://hooks.slack.com/services/T000/B000/XXXX",
  target: httpUrlTarget({ label: "Incoming webhook URL", httpsOnly: true }),
  config: emptyConfig,
  secrets: z.strictObject({}),
  requiredSecrets: [],
  needsVerification: false,
  send: (channel, message, deps) => deps.http(jsonPost(channel.target, slackPayload(message))),
};
