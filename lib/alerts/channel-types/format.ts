import { z } from "zod";
import type { AlertMessage } from "./types";

/** Shared by the channel type modules: target/secret schemas and the bits every chat format needs. */

export const MAX_URL_LENGTH = 2048;
export const MAX_SECRET_LENGTH = 256;

/** An http(s) URL target (≤ 2048 chars); `httpsOnly` for vendors whose hooks are always https. */
export function httpUrlTarget(opts: { label: string; httpsOnly?: boolean }): z.ZodType<string, string> {
  return z
    .string({ error: `${opts.label} is required` })
    .trim()
    .min(1, `${opts.label} is required`)
    .max(MAX_URL_LENGTH, `${opts.label} must be at most ${MAX_URL_LENGTH} characters`)
    .superRefine((value, ctx) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        return ctx.addIssue({ code: "custom", message: `${opts.label} must be a valid URL` });
      }
      if (opts.httpsOnly && url.protocol !== "https:") ctx.addIssue({ code: "custom", message: `${opts.label} must start with https://` });
      else if (url.protocol !== "http:" && url.protocol !== "https:")
        ctx.addIssue({ code: "custom", message: `${opts.label} must start with http:// or https://` });
      else if (!url.hostname) ctx.addIssue({ code: "custom", message: `${opts.label} must include a host name` });
      else if (url.username || url.password) ctx.addIssue({ code: "custom", message: `${opts.label} must not contain a user name or password` });
    });
}

/**
 * A write-only secret. Every key is optional in the schema because a PATCH that leaves a secret out
 * keeps the stored one; `requiredSecrets` (checked by parseChannelSettings once merged) says which
 * a channel must end up with. "" counts as "not given".
 */
export function secretField(label: string, opts: { pattern?: RegExp; patternMessage?: string; max?: number } = {}) {
  const max = opts.max ?? MAX_SECRET_LENGTH;
  let s = z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`);
  if (opts.pattern) s = s.refine((v) => v === "" || opts.pattern!.test(v), opts.patternMessage ?? `${label} is not valid`) as unknown as typeof s;
  return s.optional();
}

/** Drops absent and empty secrets so the result is a plain name → value map. */
export function compactSecrets(o: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(o).filter((e): e is [string, string] => typeof e[1] === "string" && e[1] !== ""));
}

export const emptyConfig = z.strictObject({}, { error: "This channel type has no settings" }) as unknown as z.ZodType<Record<string, unknown>>;

export const SEVERITY_HEX: Record<AlertMessage["severity"], string> = {
  critical: "#dc2626",
  warning: "#d97706",
  info: "#2563eb",
  resolved: "#059669",
};

export const severityInt = (s: AlertMessage["severity"]) => parseInt(SEVERITY_HEX[s].slice(1), 16);

/** "Label: value" lines, for plain-text bodies. */
export const factLines = (m: AlertMessage) => m.facts.map(([k, v]) => `${k}: ${v}`);

export function truncate(s: string, max: number): string {
  return s.length <= max ? s : `${s.slice(0, max - 1)}…`;
}

/** JSON POST with the User-Agent every outgoing delivery carries (sendHttp sets it when absent). */
export function jsonPost(url: string, body: unknown, headers: Record<string, string> = {}, redact: string[] = []) {
  return { url, method: "POST" as const, headers: { "Content-Type": "application/json", ...headers }, body: JSON.stringify(body), redact };
}

/** What the main link is called: the incident page when there is one, else the monitor/app page. */
export const linkLabel = (m: AlertMessage) => (m.incident ? "View incident" : "Open in Vigil");

/** Escapes text for Slack and Mattermost mrkdwn (only &, < and > are special there). */
export const escapeSlack = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
