import type { Monitor, MonitorDisplayStatus } from "../db/schema";
import { underMaintenance } from "../maintenance/occurrences";
import { env } from "../env";

/** The API's Monitor (CONTRACT.md): common fields plus only the fields of its type. */
export type ApiMonitor = {
  id: string;
  name: string;
  type: Monitor["type"];
  status: MonitorDisplayStatus;
  paused: boolean;
  muted: boolean;
  remindEveryMinutes: number | null;
  createdAt: string;
  lastCheckedAt: string | null;
} & Record<string, unknown>;

export function pingUrl(token: string): string {
  return `${env.APP_URL.replace(/\/+$/, "")}/ping/${token}`;
}

export function toApiMonitor(row: Monitor): ApiMonitor {
  const common = {
    id: row.id,
    name: row.name,
    type: row.type,
    // "maintenance" is derived, never stored: the row says when its current maintenance span runs.
    status: row.paused ? ("paused" as const) : underMaintenance(row, new Date()) ? ("maintenance" as const) : row.status,
    paused: row.paused,
    muted: row.muted,
    remindEveryMinutes: row.remindEveryMinutes,
    createdAt: row.createdAt.toISOString(),
  };
  if (row.type === "heartbeat") {
    // A heartbeat is "checked" when it is pinged (or when its deadline sweep last looked at it).
    const last = row.lastPingAt ?? row.lastCheckedAt;
    return {
      ...common,
      lastCheckedAt: last ? last.toISOString() : null,
      pingUrl: row.pingToken ? pingUrl(row.pingToken) : null,
      periodSeconds: row.periodSeconds,
      graceSeconds: row.graceSeconds,
      cron: row.cron,
      timezone: row.timezone,
    };
  }
  return {
    ...common,
    lastCheckedAt: row.lastCheckedAt ? row.lastCheckedAt.toISOString() : null,
    url: row.url,
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
