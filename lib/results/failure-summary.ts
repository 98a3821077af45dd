import type { Monitor } from "../db/schema";
import { kindOfRow } from "../monitors/kinds/registry";
import { commonFailureSummary } from "../monitors/kinds/check-fields";
import type { CheckRunResult } from "./types";

/** A short, human failure text for incident causes and alerts, in the words of the monitor's kind: "HTTP 503", "Connection refused". */
export function failureSummary(r: CheckRunResult, monitor: Pick<Monitor, "type" | "timeoutSeconds">): string | null {
  if (r.ok) return null;
  const kind = kindOfRow(monitor);
  if (kind.summary) return kind.summary(r, monitor as Monitor);
  return commonFailureSummary(r.errorClass, monitor.timeoutSeconds) ?? (r.error?.slice(0, 120) || "Check failed");
}
