import { z } from "zod";
import { emptyConfig, httpUrlTarget, jsonPost, linkLabel, truncate } from "./format";
import type { AlertMessage, ChannelTypeModule } from "./types";

const TITLE_COLOR: Record<AlertMessage["severity"], string> = { critical: "Attention", warning: "Warning", info: "Accent", resolved: "Good" };

/**
 * An Adaptive Card (1.4) in a message attachment: the shape both a Teams Workflows "When a Teams
 * webhook request is received" flow and a classic incoming webhook accept.
 */
export function teamsPayload(m: AlertMessage) {
  const actions: unknown[] = [{ type: "Action.OpenUrl", title: linkLabel(m), url: m.url }];
  if (m.ackUrl) actions.push({ type: "Action.OpenUrl", title: "Acknowledge", url: m.ackUrl });
  return {
    type: "message",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.adaptive",
        contentUrl: null,
        content: {
          $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
          type: "AdaptiveCard",
          version: "1.4",
          msteams: { width: "Full" },
          body: [
            { type: "TextBlock", text: truncate(m.title, 300), weight: "Bolder", size: "Medium", color: TITLE_COLOR[m.severity], wrap: true },
            { type: "TextBlock", text: truncate(m.summary, 2000), wrap: true },
            ...(m.facts.length ? [{ type: "FactSet", facts: m.facts.map(([title, value]) => ({ title, value })) }] : []),
          ],
          actions,
        },
      },
    ],
  };
}

export const teams: ChannelTypeModule = {
  type: "teams",
  label: "Microsoft Teams",
  targetLabel: "Workflow or incoming webhook URL",
  targetPlaceholder: "https://prod-00.westeurope.logic.azure.com/workflows/…",
  target: httpUrlTarget({ label: "Webhook URL" }),
  config: emptyConfig,
  secrets: z.strictObject({}),
  requiredSecrets: [],
  needsVerification: false,
  send: (channel, message, deps) => deps.http(jsonPost(channel.target, teamsPayload(message))),
};
