import type { Monitor } from "../db/schema";
import { kindOf } from "../monitors/kinds/registry";

/** What an alert names as a monitor's target when it has no URL: "db.internal:5432", "MX example.com". */
export function messageTarget(m: { type: string; url: string | null; settings: unknown }): string | null {
  if (m.url) return m.url;
  const kind = kindOf(m.type);
  return kind && m.type !== "heartbeat" ? kind.target(m as unknown as Monitor) : null;
}
