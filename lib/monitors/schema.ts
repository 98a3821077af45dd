import { z } from "zod";
import { env } from "../env";
import { HTTP_METHODS, KEYWORD_MODES, MONITOR_TYPES } from "../db/schema/enums";
import { MAX_EXPECTED_STATUS_LENGTH, parseExpectedStatus } from "./expected-status";
import { cronProblem, describeSeconds, isValidTimezone } from "./schedule";

/**
 * The one monitor schema, shared by the form's server actions and the REST API. Cross-field rules
 * (timeout < interval, period xor cron) live in validate.ts, which also fills type-dependent defaults.
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

function seconds(label: string, lo: number, hi: number) {
  return z
    .number({ error: `${label} must be a number of seconds` })
    .int(`${label} must be a whole number of seconds`)
    .min(lo, `${label} must be at least ${describeSeconds(lo)}`)
    .max(hi, `${label} must be at most ${describeSeconds(hi)}`);
}

function threshold(label: string) {
  return z
    .number({ error: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(1, `${label} must be at least 1`)
    .max(10, `${label} must be at most 10`);
}

const bool = (label: string) => z.boolean({ error: `${label} must be true or false` });

export const MonitorName = z
  .string({ error: "Name is required" })
  .trim()
  .min(1, "Name is required")
  .max(100, "Name must be at most 100 characters");

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

const nullableText = (label: string, maxBytes: number, maxLabel: string) =>
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

/** Field schemas without defaults: Create adds defaults, Update makes each optional. */
export const httpFields = {
  url: MonitorUrl,
  method: z.enum(HTTP_METHODS, { error: `Method must be one of ${HTTP_METHODS.join(", ")}` }),
  headers: MonitorHeaders,
  body: nullableText("Body", MAX_BODY_BYTES, "64 KiB"),
  intervalSeconds: seconds("Interval", minInterval, DAY),
  timeoutSeconds: seconds("Timeout", 1, DAY - 1),
  expectedStatus: ExpectedStatus,
  keyword: nullableText("Keyword", 1024, "1 KiB"),
  keywordMode: z.enum(KEYWORD_MODES, { error: 'Keyword mode must be "present" or "absent"' }),
  followRedirects: bool("Follow redirects"),
  allowHttpDowngrade: bool("Allow redirects from https to http"),
  verifyTls: bool("Verify TLS"),
  regions: Regions,
  failureThreshold: threshold("Failure threshold"),
  recoveryThreshold: threshold("Recovery threshold"),
};

export const heartbeatFields = {
  periodSeconds: seconds("Period", minInterval, MAX_HEARTBEAT_SECONDS).nullable(),
  graceSeconds: seconds("Grace", minInterval, MAX_HEARTBEAT_SECONDS),
  cron: Cron.nullable(),
  timezone: Timezone.nullable(),
};

/** Who hears about a monitor, common to every type: mute stops deliveries (checks go on); reminders repeat "still down". */
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

export const MonitorType = z.enum(MONITOR_TYPES, { error: 'Type must be "http" or "heartbeat"' });

export const CreateHttpMonitorInput = z.strictObject({
  type: z.literal("http"),
  name: MonitorName,
  url: httpFields.url,
  method: httpFields.method.default("GET"),
  headers: httpFields.headers.default({}),
  body: httpFields.body.optional(),
  intervalSeconds: httpFields.intervalSeconds.default(60),
  // Default depends on the interval: filled in by validate.ts.
  timeoutSeconds: httpFields.timeoutSeconds.optional(),
  expectedStatus: httpFields.expectedStatus.default("200-299"),
  keyword: httpFields.keyword.optional(),
  keywordMode: httpFields.keywordMode.default("present"),
  followRedirects: httpFields.followRedirects.default(true),
  allowHttpDowngrade: httpFields.allowHttpDowngrade.default(false),
  verifyTls: httpFields.verifyTls.default(true),
  regions: httpFields.regions.default([]),
  failureThreshold: httpFields.failureThreshold.default(1),
  recoveryThreshold: httpFields.recoveryThreshold.default(1),
  muted: alertingFields.muted.default(false),
  remindEveryMinutes: alertingFields.remindEveryMinutes.default(null),
});

export const CreateHeartbeatMonitorInput = z.strictObject({
  type: z.literal("heartbeat"),
  name: MonitorName,
  periodSeconds: heartbeatFields.periodSeconds.optional(),
  graceSeconds: heartbeatFields.graceSeconds.default(Math.max(minInterval, DEFAULT_GRACE_SECONDS)),
  cron: heartbeatFields.cron.optional(),
  timezone: heartbeatFields.timezone.optional(),
  muted: alertingFields.muted.default(false),
  remindEveryMinutes: alertingFields.remindEveryMinutes.default(null),
});

export const CreateMonitorInput = z.discriminatedUnion("type", [CreateHttpMonitorInput, CreateHeartbeatMonitorInput]);
export type CreateMonitorInput = z.input<typeof CreateMonitorInput>;

/** PATCH: every field optional; the merged result is validated again as a whole. */
export const UpdateMonitorInput = z
  .strictObject({ type: MonitorType, name: MonitorName, paused: bool("Paused"), ...alertingFields, ...httpFields, ...heartbeatFields })
  .partial();
export type UpdateMonitorInput = z.input<typeof UpdateMonitorInput>;

export const HTTP_FIELD_NAMES = Object.keys(httpFields);
export const HEARTBEAT_FIELD_NAMES = Object.keys(heartbeatFields);
