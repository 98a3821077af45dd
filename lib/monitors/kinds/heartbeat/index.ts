import { z } from "zod";
import { env } from "../../../env";
import { ValidationError } from "../../../errors";
import type { Monitor } from "../../../db/schema";
import { commonCreateFields, Cron, DEFAULT_GRACE_SECONDS, MAX_HEARTBEAT_SECONDS, seconds, threshold, Timezone } from "../../schema";
import { cronProblem } from "../../schedule";
import { num, str } from "../form-codec";
import type { CommonValues, MonitorKind } from "../types";
import { heartbeatMeta } from "./meta";

const minInterval = env.MIN_INTERVAL_SECONDS;

export const heartbeatFields = {
  periodSeconds: seconds("Period", minInterval, MAX_HEARTBEAT_SECONDS).nullable(),
  graceSeconds: seconds("Grace", minInterval, MAX_HEARTBEAT_SECONDS),
  cron: Cron.nullable(),
  timezone: Timezone.nullable(),
  // Missed or failed runs in a row before an incident opens (lib/heartbeats counts them on the row).
  failureThreshold: threshold("Failure threshold"),
};

export const CreateHeartbeatMonitorInput = z.strictObject({
  type: z.literal("heartbeat"),
  ...commonCreateFields,
  periodSeconds: heartbeatFields.periodSeconds.optional(),
  graceSeconds: heartbeatFields.graceSeconds.default(Math.max(minInterval, DEFAULT_GRACE_SECONDS)),
  cron: heartbeatFields.cron.optional(),
  timezone: heartbeatFields.timezone.optional(),
  failureThreshold: heartbeatFields.failureThreshold.default(1),
});

export type HeartbeatValues = CommonValues & {
  type: "heartbeat";
  periodSeconds: number | null;
  graceSeconds: number;
  cron: string | null;
  timezone: string | null;
  failureThreshold: number;
};

export type HeartbeatFormValues = {
  schedule: "period" | "cron";
  periodSeconds: string;
  graceSeconds: string;
  cron: string;
  timezone: string;
  failureThreshold: string;
};

const emptyToNull = (s: string | null | undefined) => (s === undefined || s === null || s === "" ? null : s);
const fail = (fields: Record<string, string>): never => {
  throw new ValidationError("Some fields are invalid", fields);
};

function finish(parsed: unknown): HeartbeatValues {
  const v = parsed as z.output<typeof CreateHeartbeatMonitorInput>;
  const common = {
    type: "heartbeat" as const,
    name: v.name,
    muted: v.muted,
    remindEveryMinutes: v.remindEveryMinutes,
    graceSeconds: v.graceSeconds,
    failureThreshold: v.failureThreshold,
  };
  const cron = emptyToNull(v.cron);
  const periodSeconds = v.periodSeconds ?? null;
  if (cron && periodSeconds !== null) fail({ periodSeconds: "Use either a period or a cron expression, not both" });
  if (!cron && periodSeconds === null) fail({ periodSeconds: "Give a period (how often the job pings) or a cron expression" });
  if (!cron && emptyToNull(v.timezone)) fail({ timezone: "Timezone only applies to a cron schedule" });
  if (cron) {
    const timezone = emptyToNull(v.timezone) ?? "UTC";
    const problem = cronProblem(cron, minInterval, timezone);
    if (problem) fail({ cron: problem });
    return { ...common, periodSeconds: null, cron, timezone };
  }
  return { ...common, periodSeconds, cron: null, timezone: null };
}

export function pingUrl(token: string): string {
  return `${env.APP_URL.replace(/\/+$/, "")}/ping/${token}`;
}

const defaults: HeartbeatFormValues = {
  schedule: "period",
  periodSeconds: "3600",
  graceSeconds: String(Math.max(minInterval, DEFAULT_GRACE_SECONDS)),
  cron: "",
  timezone: "UTC",
  failureThreshold: "1",
};

export const heartbeatKind: MonitorKind<HeartbeatValues> = {
  ...heartbeatMeta,
  checked: false,
  fields: heartbeatFields,
  labels: { periodSeconds: "Period", graceSeconds: "Grace", cron: "Cron", timezone: "Timezone", failureThreshold: "Failure threshold" },
  create: CreateHeartbeatMonitorInput,
  finish,
  // Switching between period and cron clears the other schedule unless the patch sets both.
  mergePatch(merged, changes) {
    if (emptyToNull(changes.cron as string | null) && !("periodSeconds" in changes)) merged.periodSeconds = null;
    if (changes.periodSeconds != null && !("cron" in changes)) {
      merged.cron = null;
      if (!("timezone" in changes)) merged.timezone = null;
    }
  },
  columns: (v) => ({ periodSeconds: v.periodSeconds, graceSeconds: v.graceSeconds, cron: v.cron, timezone: v.timezone, failureThreshold: v.failureThreshold }),
  input: (row) => ({
    periodSeconds: row.periodSeconds,
    graceSeconds: row.graceSeconds ?? undefined,
    cron: row.cron,
    timezone: row.timezone,
    failureThreshold: row.failureThreshold,
  }),
  api: (row) => ({
    pingUrl: row.pingToken ? pingUrl(row.pingToken) : null,
    periodSeconds: row.periodSeconds,
    graceSeconds: row.graceSeconds,
    cron: row.cron,
    timezone: row.timezone,
    failureThreshold: row.failureThreshold,
  }),
  // A heartbeat is "checked" when it is pinged (or when its deadline sweep last looked at it).
  lastCheckedAt: (row: Monitor) => row.lastPingAt ?? row.lastCheckedAt,
  form: {
    defaults,
    read: (fd) => ({
      schedule: str(fd, "schedule") === "cron" ? "cron" : "period",
      periodSeconds: str(fd, "periodSeconds"),
      graceSeconds: str(fd, "graceSeconds"),
      cron: str(fd, "cron"),
      timezone: str(fd, "timezone"),
      failureThreshold: str(fd, "failureThreshold"),
    }),
    input: (bag) => {
      const v = bag as HeartbeatFormValues;
      const common = { graceSeconds: num(v.graceSeconds), failureThreshold: num(v.failureThreshold) };
      return v.schedule === "cron"
        ? { ...common, cron: v.cron, timezone: v.timezone.trim() || "UTC", periodSeconds: null }
        : { ...common, periodSeconds: num(v.periodSeconds) ?? null, cron: null, timezone: null };
    },
    fromRow: (m) => ({
      schedule: m.cron ? "cron" : "period",
      periodSeconds: m.periodSeconds == null ? defaults.periodSeconds : String(m.periodSeconds),
      graceSeconds: m.graceSeconds == null ? defaults.graceSeconds : String(m.graceSeconds),
      cron: m.cron ?? "",
      timezone: m.timezone ?? "UTC",
      failureThreshold: String(m.failureThreshold),
    }),
  },
  target: (row) => (row.cron ? `Heartbeat · ${row.cron}` : "Heartbeat"),
};
