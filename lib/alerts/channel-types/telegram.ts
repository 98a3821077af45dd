import { z } from "zod";
import { compactSecrets, emptyConfig, jsonPost, linkLabel, secretField, truncate } from "./format";
import type { AlertMessage, ChannelTypeModule } from "./types";

const html = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** Bot API sendMessage body; HTML parse mode with everything we did not write escaped. */
export function telegramPayload(chatId: string, m: AlertMessage) {
  const links = [`<a href="${html(m.url)}">${linkLabel(m)}</a>`, ...(m.ackUrl ? [`<a href="${html(m.ackUrl)}">Acknowledge</a>`] : [])].join(" · ");
  const facts = m.facts.map(([k, v]) => `<b>${html(k)}:</b> ${html(v)}`).join("\n");
  // Truncate the free text, not the markup: a cut tag would make Telegram refuse the whole message.
  const text = [`<b>${html(truncate(m.title, 200))}</b>`, html(truncate(m.summary, 2000)), facts, links].filter(Boolean).join("\n\n");
  return { chat_id: chatId, text, parse_mode: "HTML", disable_web_page_preview: true };
}

export const telegram: ChannelTypeModule = {
  type: "telegram",
  label: "Telegram",
  targetLabel: "Chat id",
  targetPlaceholder: "-1001234567890 or @yourchannel",
  target: z
    .string({ error: "Chat id is required" })
    .trim()
    .min(1, "Chat id is required")
    .regex(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{3,31})$/, "Chat id must be a number like -1001234567890 or a channel name like @yourchannel"),
  config: emptyConfig,
  secrets: z
    .strictObject({
      botToken: secretField("Bot token", {
        pattern: /^\d{1,20}:[A-Za-z0-9_-]{20,200}$/,
        patternMessage: "Bot token must look like 123456789:AA… (from @BotFather)",
      }),
    })
    .transform(compactSecrets),
  requiredSecrets: ["botToken"],
  needsVerification: false,
  send(channel, message, deps) {
    const token = channel.secrets.botToken ?? "";
    const url = `${deps.telegramApiUrl.replace(/\/$/, "")}/bot${token}/sendMessage`;
    return deps.http(jsonPost(url, telegramPayload(channel.target, message), {}, [token]));
  },
};
