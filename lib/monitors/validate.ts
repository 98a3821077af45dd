import type { Monitor } from "../db/schema";
import { ValidationError } from "../errors";
import { normalizeExpectedStatus } from "./expected-status";
import { cronProblem, describeSeconds } from "./schedule";
import {
  CreateHeartbeatMonitorInput,
  CreateHttpMonitorInput,
  HEARTBEAT_FIELD_NAMES,
  HTTP_FIELD_NAMES,
  MonitorType,
  UpdateMonitorInput,
} from "./schema";
import { env } from "../env";

type HttpParsed = (typeof CreateHttpMonitorInput)["_output"];
export type HttpValues = Omit<HttpParsed, "body" | "keyword" | "timeoutSeconds"> & { body: string | null; keyword: string | null; timeoutSeconds: number };
export type HeartbeatValues = { type: "heartbeat"; name: string; periodSeconds: number | null; graceSeconds: number; cron: string | null; timezone: string | null; muted: boolean; remindEveryMinutes: number | null };
/** What a valid monitor looks like once defaults are filled: exactly the columns its type uses. */
export type MonitorValues = HttpValues | HeartbeatValues;

type Issue = { code?: string; path: PropertyKey[]; message: string; keys?: string[] };

const LABELS: Record<string, string> = {
  url: "URL",
  method: "Method",
  headers: "Headers",
  body: "Body",
  intervalSeconds: "Interval",
  timeoutSeconds: "Timeout",
  expectedStatus: "Expected status",
  keyword: "Keyword",
  keywordMode: "Keyword mode",
  followRedirects: "Follow redirects",
  allowHttpDowngrade: "Allow redirects from https to http",
  verifyTls: "Verify TLS",
  regions: "Regions",
  failureThreshold: "Failure threshold",
  recoveryThreshold: "Recovery threshold",
  muted: "Muted",
  remindEveryMinutes: "Reminder interval",
  periodSeconds: "Period",
  graceSeconds: "Grace",
  cron: "Cron",
  timezone: "Timezone",
};
const label = (k: string) => LABELS[k] ?? k;

/** zod issues → one human message per field; unknown keys each get their own message. */
function fieldsFrom(issues: Issue[], type?: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys" && issue.keys) {
      for (const k of issue.keys) {
        const key = issue.path.length ? `${issue.path.map(String).join(".")}.${k}` : k;
        if (type === "http" && HEARTBEAT_FIELD_NAMES.includes(k)) fields[key] ??= `${label(k)} is only for heartbeat monitors`;
        else if (type === "heartbeat" && HTTP_FIELD_NAMES.includes(k)) fields[key] ??= `${label(k)} is only for HTTP monitors`;
        else fields[key] ??= "Unknown field";
      }
      continue;
    }
    // A header's own key path (headers.X-Foo) is reported on "headers", which the form shows.
    const first = issue.path[0];
    const key = first === "headers" ? "headers" : issue.path.map(String).join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

function fail(fields: Record<string, string>): never {
  throw new ValidationError("Some fields are invalid", fields);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

const emptyToNull = (s: string | null | undefined) => (s === undefined || s === null || s === "" ? null : s);

/** Validates a full monitor (create, or a merged PATCH); throws ValidationError with field messages. */
export function validateMonitorInput(input: unknown): MonitorValues {
  if (!isPlainObject(input)) fail({ _: "Send a JSON object describing the monitor" });
  const type = MonitorType.safeParse(input.type);
  if (!type.success) fail({ type: input.type === undefined ? 'Type is required: "http" or "heartbeat"' : 'Type must be "http" or "heartbeat"' });

  if (type.data === "http") {
    const parsed = CreateHttpMonitorInput.safeParse(input);
    if (!parsed.success) fail(fieldsFrom(parsed.error.issues as Issue[], "http"));
    const v = parsed.data;
    const timeoutSeconds = v.timeoutSeconds ?? Math.max(1, Math.min(10, v.intervalSeconds - 1));
    if (timeoutSeconds >= v.intervalSeconds) {
      fail({ timeoutSeconds: `Timeout must be shorter than the interval (${describeSeconds(v.intervalSeconds)})` });
    }
    return {
      ...v,
      body: emptyToNull(v.body),
      keyword: emptyToNull(v.keyword),
      timeoutSeconds,
      expectedStatus: normalizeExpectedStatus(v.expectedStatus) ?? v.expectedStatus,
    };
  }

  const parsed = CreateHeartbeatMonitorInput.safeParse(input);
  if (!parsed.success) fail(fieldsFrom(parsed.error.issues as Issue[], "heartbeat"));
  const v = parsed.data;
  const cron = emptyToNull(v.cron);
  const periodSeconds = v.periodSeconds ?? null;
  if (cron && periodSeconds !== null) fail({ periodSeconds: "Use either a period or a cron expression, not both" });
  if (!cron && periodSeconds === null) fail({ periodSeconds: "Give a period (how often the job pings) or a cron expression" });
  if (!cron && emptyToNull(v.timezone)) fail({ timezone: "Timezone only applies to a cron schedule" });
  if (cron) {
    const timezone = emptyToNull(v.timezone) ?? "UTC";
    const problem = cronProblem(cron, env.MIN_INTERVAL_SECONDS, timezone);
    if (problem) fail({ cron: problem });
    return { type: "heartbeat", name: v.name, periodSeconds: null, graceSeconds: v.graceSeconds, cron, timezone, muted: v.muted, remindEveryMinutes: v.remindEveryMinutes };
  }
  return { type: "heartbeat", name: v.name, periodSeconds, graceSeconds: v.graceSeconds, cron: null, timezone: null, muted: v.muted, remindEveryMinutes: v.remindEveryMinutes };
}

/** A stored monitor as create input, so a PATCH can be merged onto it and validated as a whole. */
export function monitorToInput(row: Monitor): Record<string, unknown> {
  if (row.type === "heartbeat") {
    return { type: row.type, name: row.name, muted: row.muted, remindEveryMinutes: row.remindEveryMinutes, periodSeconds: row.periodSeconds, graceSeconds: row.graceSeconds ?? undefined, cron: row.cron, timezone: row.timezone };
  }
  return {
    type: row.type,
    name: row.name,
    muted: row.muted,
    remindEveryMinutes: row.remindEveryMinutes,
    url: row.url ?? "",
    method: row.method,
    headers: row.headers,
    body: row.body,
    intervalSeconds: row.intervalSeconds,
    timeoutSeconds: row.timeoutSeconds,
    expectedStatus: row.expectedStatus,
    keyword: row.keyword,
    keywordMode: row.keywordMode,
    followRedirects: row.followRedirects,
    allowHttpDowngrade: row.allowHttpDowngrade,
    verifyTls: row.verifyTls,
    regions: row.regions,
    failureThreshold: row.failureThreshold,
    recoveryThreshold: row.recoveryThreshold,
  };
}

/**
 * PATCH semantics: fields present replace stored ones, then the whole monitor is validated again
 * (so timeout < interval holds after any change). Switching a heartbeat between period and cron
 * clears the other schedule unless the patch sets both.
 */
export function validateMonitorPatch(row: Monitor, patch: unknown): { values: MonitorValues; paused?: boolean } {
  if (!isPlainObject(patch)) fail({ _: "Send a JSON object with the fields to change" });
  const parsed = UpdateMonitorInput.safeParse(patch);
  if (!parsed.success) fail(fieldsFrom(parsed.error.issues as Issue[], row.type));
  const { paused, ...changes } = patch as Record<string, unknown>;
  if (changes.type !== undefined && changes.type !== row.type) fail({ type: "A monitor's type can't be changed; create a new monitor instead" });
  const merged: Record<string, unknown> = { ...monitorToInput(row), ...changes };
  if (row.type === "heartbeat") {
    if (emptyToNull(changes.cron as string | null) && !("periodSeconds" in changes)) merged.periodSeconds = null;
    if (changes.periodSeconds != null && !("cron" in changes)) {
      merged.cron = null;
      if (!("timezone" in changes)) merged.timezone = null;
    }
  }
  return { values: validateMonitorInput(merged), paused: paused as boolean | undefined };
}
