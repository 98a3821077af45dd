import { z } from "zod";
import { compactSecrets, httpUrlTarget, linkLabel, secretField, truncate } from "./format";
import type { AlertMessage, ChannelTypeModule } from "./types";

const PRIORITIES = ["min", "low", "default", "high", "urgent"] as const;

const PRIORITY: Record<AlertMessage["severity"], (typeof PRIORITIES)[number]> = { critical: "urgent", warning: "high", info: "default", resolved: "default" };
const TAGS: Record<AlertMessage["severity"], string> = {
  critical: "rotating_light",
  warning: "warning",
  info: "information_source",
  resolved: "white_check_mark",
};

// Header values must be Latin-1 on the wire; ntfy decodes RFC 2047 encoded words (for emoji, accents …).
const headerText = (s: string) => (/^[\x20-\x7e]*$/.test(s) ? s : `=?UTF-8?B?${Buffer.from(s, "utf8").toString("base64")}?=`);
// Actions header syntax: commas and semicolons separate fields and actions, so labels avoid them.
const action = (label: string, url: string, clear = false) => `view, ${label}, ${url}${clear ? ", clear=true" : ""}`;

/** ntfy publish-as-POST: body = message, everything else in headers. */
export function ntfyRequest(topicUrl: string, m: AlertMessage, priority: string | undefined, token: string | undefined) {
  const headers: Record<string, string> = {
    "Content-Type": "text/plain; charset=utf-8",
    Title: headerText(truncate(m.title, 250)),
    // The channel's override is for problems; a recovery or a test never rings at "urgent".
    Priority: priority && (m.severity === "critical" || m.severity === "warning") ? priority : PRIORITY[m.severity],
    Tags: TAGS[m.severity],
    Click: m.url,
    Actions: [action(linkLabel(m), m.url), ...(m.ackUrl ? [action("Acknowledge", m.ackUrl, true)] : [])].join("; "),
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  const body = [m.summary, ...m.facts.map(([k, v]) => `${k}: ${v}`)].join("\n");
  return { url: topicUrl, method: "POST" as const, headers, body: truncate(body, 4000), redact: token ? [token] : [] };
}

export const ntfy: ChannelTypeModule = {
  type: "ntfy",
  label: "ntfy",
  targetLabel: "Topic URL",
  targetPlaceholder: "https://ntfy.sh/your-secret-topic",
  target: httpUrlTarget({ label: "Topic URL" }),
  config: z.strictObject({ priority: z.enum(PRIORITIES, { error: `Priority must be one of ${PRIORITIES.join(", ")}` }).optional() }) as unknown as z.ZodType<
    Record<string, unknown>
  >,
  secrets: z.strictObject({ token: secretField("Access token") }).transform(compactSecrets),
  requiredSecrets: [],
  needsVerification: false,
  send: (channel, message, deps) => deps.http(ntfyRequest(channel.target, message, channel.config.priority as string | undefined, channel.secrets.token)),
};
