import { z } from "zod";
import { env } from "../env";
import { MAX_EXPECTED_STATUS_LENGTH, parseExpectedStatus } from "./expected-status";
import { cronProblem, describeSeconds, isValidTimezone } from "./schedule";

/**
 * The shared part of the monitor schema (common fields and validators several kinds use), for the form's
 * server actions and the REST API alike. Each kind's own fields live in lib/monitors/kinds/<kind>/;
 * validate.ts puts them together through kinds/registry.ts.
 */
export const DAY = 86_400;
export const MAX_HEARTBEAT_SECONDS = 30 * DAY;
export const MAX_HEADERS = 20;
export const MAX_HEADER_VALUE_BYTES = 1024;
export const MAX_HEADERS_TOTAL_BYTES = 8 * 1024;
export const MAX_BODY_BYTES = 64 * 1024;
export const DEFAULT_GRACE_SECONDS = 300;

const minInterval = env.MIN_INTERVAL_SECONDS;
// RFC 9110 token characters.
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;
// The HTTP client sets these itself; letting a user set them breaks or smuggles requests.
const RESERVED_HEADERS = new Set(["host", "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "expect", "te", "trailer"]);

const bytes = (s: string) => Buffer.byteLength(s, "utf8");

export function seconds(label: string, lo: number, hi: number) {
  return z
    .number({ error: `${label} must be a number of seconds` })
    .int(`${label} must be a whole number of seconds`)
    .min(lo, `${label} must be at least ${describeSeconds(lo)}`)
    .max(hi, `${label} must be at most ${describeSeconds(hi)}`);
}

export function threshold(label: string) {
  return z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(1, `${label} must be at least 1`)
    .max(10, `${label} must be at most 10`);
}

export const bool = (label: string) => z.boolean({ error: `${label} must be true or false` });

export const MonitorName = z.string({ error: "Name is required" }).trim().min(1, "Name is required").max(100, "Name must be at most 100 characters");

export const MonitorUrl = z
  .string({ error: "URL is required" })
  .trim()
  .min(1, "URL is required")
  .max(2048, "URL must be at most 2048 characters")
  .superRefine((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a valid URL, e.g. https://example.com/health" });
      return;
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") {
      ctx.addIssue({ code: "custom", message: "URL must start with http:// or https://" });
    } else if (!url.hostname) {
      ctx.addIssue({ code: "custom", message: "URL must include a host name" });
    }
  });

export const MonitorHeaders = z
  .record(z.string(), z.string({ error: "Header values must be text" }), { error: "Headers must be an object of name → value" })
  .superRefine((headers, ctx) => {
    const entries = Object.entries(headers);
    const fail = (message: string) => ctx.addIssue({ code: "custom", message });
    if (entries.length > MAX_HEADERS) return fail(`Use at most ${MAX_HEADERS} headers`);
    const seen = new Set<string>();
    let total = 0;
    for (const [name, value] of entries) {
      const shown = name.slice(0, 40);
      if (!HEADER_NAME.test(name)) return fail(`"${shown}" is not a valid header name`);
      const lower = name.toLowerCase();
      if (RESERVED_HEADERS.has(lower)) return fail(`The ${shown} header is set by Vigil and can't be overridden`);
      if (seen.has(lower)) return fail(`The ${shown} header is given twice`);
      seen.add(lower);
      if (/[\r\n\0]/.test(value)) return fail(`The ${shown} header value must be on one line`);
      if (bytes(value) > MAX_HEADER_VALUE_BYTES) return fail(`The ${shown} header value must be at most 1 KiB`);
      total += bytes(name) + bytes(value);
    }
    if (total > MAX_HEADERS_TOTAL_BYTES) fail("Headers must be at most 8 KiB in total");
  });

export const nullableText = (label: string, maxBytes: number, maxLabel: string) =>
  z
    .string({ error: `${label} must be text` })
    .refine((s) => bytes(s) <= maxBytes, `${label} must be at most ${maxLabel}`)
    .nullable();

export const ExpectedStatus = z
  .string({ error: "Expected status must be text like 200-299,301" })
  .trim()
  .max(MAX_EXPECTED_STATUS_LENGTH, "Expected status list is too long")
  .superRefine((spec, ctx) => {
    try {
      parseExpectedStatus(spec);
    } catch (err) {
      ctx.addIssue({ code: "custom", message: (err as Error).message });
    }
  });

export const Regions = z
  .array(z.string({ error: "Regions must be names" }), { error: "Regions must be a list of region names" })
  .max(50, "Too many regions")
  .superRefine((regions, ctx) => {
    const unknown = regions.filter((r) => !env.REGIONS.includes(r));
    if (unknown.length) ctx.addIssue({ code: "custom", message: `Unknown region ${unknown[0].slice(0, 40)}; choose from ${env.REGIONS.join(", ")}` });
  })
  .transform((regions) => [...new Set(regions)]);

export const Cron = z
  .string({ error: "Cron must be text like 0 3 * * *" })
  .trim()
  .max(100, "Cron expression is too long")
  .superRefine((expr, ctx) => {
    const problem = cronProblem(expr, minInterval);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });

export const Timezone = z
  .string({ error: "Timezone must be text like Europe/Berlin" })
  .trim()
  .refine(isValidTimezone, "Unknown timezone; use an IANA name like Europe/Berlin or UTC");

/** Who hears about a monitor, common to every kind: mute stops deliveries (checks go on); reminders repeat "still down". */
export const REMINDER_MINUTES = { min: 5, max: 1440 };
export const alertingFields = {
  muted: bool("Muted"),
  remindEveryMinutes: z
    .number({ error: "Reminder interval must be a number of minutes, or null for no reminders" })
    .int("Reminder interval must be a whole number of minutes")
    .min(REMINDER_MINUTES.min, `Reminders must be at least ${REMINDER_MINUTES.min} minutes apart`)
    .max(REMINDER_MINUTES.max, `Reminders must be at most ${REMINDER_MINUTES.max} minutes (a day) apart`)
    .nullable(),
};

/** The fields every kind shares, with their create defaults: each kind's create schema spreads these. */
export const commonCreateFields = {
  name: MonitorName,
  muted: alertingFields.muted.default(false),
  remindEveryMinutes: alertingFields.remindEveryMinutes.default(null),
};
export const COMMON_LABELS: Record<string, string> = { name: "Name", muted: "Muted", remindEveryMinutes: "Reminder interval", paused: "Paused" };

/**
 * The fields every checked kind (http, tcp, dns, browser) shares: the scheduler, regions, confirmation and
 * thresholds read these columns whatever the kind. timeoutSeconds' default depends on the interval
 * (finishCheckFields in kinds/check-fields.ts).
 */
export const checkFields = {
  intervalSeconds: seconds("Interval", minInterval, DAY),
  timeoutSeconds: seconds("Timeout", 1, DAY - 1),
  regions: Regions,
  failureThreshold: threshold("Failure threshold"),
  recoveryThreshold: threshold("Recovery threshold"),
};
export const CHECK_LABELS: Record<string, string> = {
  intervalSeconds: "Interval",
  timeoutSeconds: "Timeout",
  regions: "Regions",
  failureThreshold: "Failure threshold",
  recoveryThreshold: "Recovery threshold",
};
