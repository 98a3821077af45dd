import { randomBytes } from "node:crypto";
import type { NewMonitor } from "../db/schema";
import type { MonitorValues } from "./validate";

/** Heartbeat ping tokens: 18 random bytes (144 bits), URL-safe; the token is the only secret of /ping. */
export function newPingToken(): string {
  return randomBytes(18).toString("base64url");
}

/** The columns a validated monitor writes; the other type's columns keep their defaults. */
export function monitorColumns(v: MonitorValues): Omit<NewMonitor, "workspaceId" | "type"> {
  if (v.type === "heartbeat") {
    return { name: v.name, muted: v.muted, remindEveryMinutes: v.remindEveryMinutes, periodSeconds: v.periodSeconds, graceSeconds: v.graceSeconds, cron: v.cron, timezone: v.timezone };
  }
  return {
    name: v.name,
    muted: v.muted,
    remindEveryMinutes: v.remindEveryMinutes,
    url: v.url,
    method: v.method,
    headers: v.headers,
    body: v.body,
    intervalSeconds: v.intervalSeconds,
    timeoutSeconds: v.timeoutSeconds,
    expectedStatus: v.expectedStatus,
    keyword: v.keyword,
    keywordMode: v.keywordMode,
    followRedirects: v.followRedirects,
    allowHttpDowngrade: v.allowHttpDowngrade,
    verifyTls: v.verifyTls,
    regions: v.regions,
    failureThreshold: v.failureThreshold,
    recoveryThreshold: v.recoveryThreshold,
  };
}
