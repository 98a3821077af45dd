import { randomBytes } from "node:crypto";
import type { NewMonitor } from "../db/schema";
import { kindOfRow } from "./kinds/registry";
import type { MonitorValues } from "./validate";

/** Heartbeat ping tokens: 18 random bytes (144 bits), URL-safe; the token is the only secret of /ping. */
export function newPingToken(): string {
  return randomBytes(18).toString("base64url");
}

/** The columns a validated monitor writes: the common ones and its kind's; other kinds' columns keep their defaults. */
export function monitorColumns(v: MonitorValues): Omit<NewMonitor, "workspaceId" | "type"> {
  const kind = kindOfRow(v);
  return { name: v.name, muted: v.muted, remindEveryMinutes: v.remindEveryMinutes, ...kind.columns(v as never) };
}
