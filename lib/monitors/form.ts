import type { Monitor } from "../db/schema";
import { env } from "../env";

/**
 * The monitor form's values as the browser holds them (strings, so a half-typed number survives a
 * failed submit), and the conversions to and from the shared schema's input. No next/* here.
 */
export type MonitorFormValues = {
  type: "http" | "heartbeat";
  name: string;
  /** "" = no reminders; otherwise minutes, from REMINDER_CHOICES. */
  remindEveryMinutes: string;
  url: string;
  method: string;
  headers: { name: string; value: string }[];
  body: string;
  intervalSeconds: string;
  timeoutSeconds: string;
  expectedStatus: string;
  keyword: string;
  keywordMode: string;
  followRedirects: boolean;
  allowHttpDowngrade: boolean;
  verifyTls: boolean;
  regions: string[];
  failureThreshold: string;
  recoveryThreshold: string;
  schedule: "period" | "cron";
  periodSeconds: string;
  graceSeconds: string;
  cron: string;
  timezone: string;
};

/** The reminder intervals the form offers (the API takes any whole number of minutes from 5 to 1440). */
export const REMINDER_CHOICES: { minutes: number | null; label: string }[] = [
  { minutes: null, label: "Never" },
  { minutes: 5, label: "Every 5 minutes" },
  { minutes: 15, label: "Every 15 minutes" },
  { minutes: 30, label: "Every 30 minutes" },
  { minutes: 60, label: "Every hour" },
  { minutes: 240, label: "Every 4 hours" },
  { minutes: 1440, label: "Every day" },
];

/** What the form's server action returns to useActionState. */
export type MonitorFormState = {
  message?: string;
  fields?: Record<string, string>;
  values?: MonitorFormValues;
  /** Bumped on each refused submit so the form remounts showing the echoed values. */
  attempt: number;
};

export const DEFAULT_FORM_VALUES: MonitorFormValues = {
  type: "http",
  name: "",
  remindEveryMinutes: "",
  url: "",
  method: "GET",
  headers: [],
  body: "",
  intervalSeconds: "60",
  timeoutSeconds: "",
  expectedStatus: "200-299",
  keyword: "",
  keywordMode: "present",
  followRedirects: true,
  allowHttpDowngrade: false,
  verifyTls: true,
  regions: [],
  failureThreshold: "1",
  recoveryThreshold: "1",
  schedule: "period",
  periodSeconds: "3600",
  graceSeconds: String(Math.max(env.MIN_INTERVAL_SECONDS, 300)),
  cron: "",
  timezone: "UTC",
};

const str = (fd: FormData, k: string) => {
  const v = fd.get(k);
  return typeof v === "string" ? v : "";
};

export function formValuesFromFormData(fd: FormData): MonitorFormValues {
  const names = fd.getAll("headerName").map(String);
  const values = fd.getAll("headerValue").map(String);
  return {
    type: str(fd, "type") === "heartbeat" ? "heartbeat" : "http",
    name: str(fd, "name"),
    remindEveryMinutes: str(fd, "remindEveryMinutes"),
    url: str(fd, "url"),
    method: str(fd, "method") || "GET",
    headers: names.map((name, i) => ({ name, value: values[i] ?? "" })).filter((h) => h.name.trim() !== "" || h.value !== ""),
    body: str(fd, "body"),
    intervalSeconds: str(fd, "intervalSeconds"),
    timeoutSeconds: str(fd, "timeoutSeconds"),
    expectedStatus: str(fd, "expectedStatus"),
    keyword: str(fd, "keyword"),
    keywordMode: str(fd, "keywordMode") || "present",
    followRedirects: fd.get("followRedirects") === "on",
    allowHttpDowngrade: fd.get("allowHttpDowngrade") === "on",
    verifyTls: fd.get("verifyTls") === "on",
    regions: fd.getAll("regions").map(String),
    failureThreshold: str(fd, "failureThreshold"),
    recoveryThreshold: str(fd, "recoveryThreshold"),
    schedule: str(fd, "schedule") === "cron" ? "cron" : "period",
    periodSeconds: str(fd, "periodSeconds"),
    graceSeconds: str(fd, "graceSeconds"),
    cron: str(fd, "cron"),
    timezone: str(fd, "timezone"),
  };
}

/** "" → left out (the schema's default applies); digits → a number; anything else stays text so the schema names it. */
function num(v: string): number | string | undefined {
  const t = v.trim();
  if (t === "") return undefined;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : t;
}

/** The schema input for these values: only the fields of the chosen type (and schedule). */
export function inputFromFormValues(v: MonitorFormValues): Record<string, unknown> {
  if (v.type === "heartbeat") {
    const common = { type: "heartbeat", name: v.name, remindEveryMinutes: num(v.remindEveryMinutes) ?? null, graceSeconds: num(v.graceSeconds) };
    return v.schedule === "cron"
      ? { ...common, cron: v.cron, timezone: v.timezone.trim() || "UTC", periodSeconds: null }
      : { ...common, periodSeconds: num(v.periodSeconds) ?? null, cron: null, timezone: null };
  }
  const headers: Record<string, string> = {};
  for (const h of v.headers) headers[h.name.trim()] = h.value;
  return {
    type: "http",
    name: v.name,
    remindEveryMinutes: num(v.remindEveryMinutes) ?? null,
    url: v.url,
    method: v.method,
    headers,
    body: v.body === "" ? null : v.body,
    intervalSeconds: num(v.intervalSeconds),
    timeoutSeconds: num(v.timeoutSeconds),
    expectedStatus: v.expectedStatus.trim() === "" ? undefined : v.expectedStatus,
    keyword: v.keyword === "" ? null : v.keyword,
    keywordMode: v.keywordMode,
    followRedirects: v.followRedirects,
    allowHttpDowngrade: v.allowHttpDowngrade,
    verifyTls: v.verifyTls,
    regions: v.regions,
    failureThreshold: num(v.failureThreshold),
    recoveryThreshold: num(v.recoveryThreshold),
  };
}

export function formValuesFromMonitor(m: Monitor): MonitorFormValues {
  return {
    ...DEFAULT_FORM_VALUES,
    type: m.type,
    name: m.name,
    remindEveryMinutes: m.remindEveryMinutes == null ? "" : String(m.remindEveryMinutes),
    ...(m.type === "http"
      ? {
          url: m.url ?? "",
          method: m.method,
          headers: Object.entries(m.headers).map(([name, value]) => ({ name, value })),
          body: m.body ?? "",
          intervalSeconds: String(m.intervalSeconds),
          timeoutSeconds: String(m.timeoutSeconds),
          expectedStatus: m.expectedStatus,
          keyword: m.keyword ?? "",
          keywordMode: m.keywordMode,
          followRedirects: m.followRedirects,
          allowHttpDowngrade: m.allowHttpDowngrade,
          verifyTls: m.verifyTls,
          regions: m.regions,
          failureThreshold: String(m.failureThreshold),
          recoveryThreshold: String(m.recoveryThreshold),
        }
      : {
          schedule: m.cron ? ("cron" as const) : ("period" as const),
          periodSeconds: m.periodSeconds == null ? DEFAULT_FORM_VALUES.periodSeconds : String(m.periodSeconds),
          graceSeconds: m.graceSeconds == null ? DEFAULT_FORM_VALUES.graceSeconds : String(m.graceSeconds),
          cron: m.cron ?? "",
          timezone: m.timezone ?? "UTC",
        }),
  };
}
