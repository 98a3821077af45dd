import { log } from "../log";
import { afterMonitorChange, type MonitorChangeKind } from "./after-change";

/**
 * Called after a monitor's transaction commits. The change is already durable, so a Redis hiccup
 * must not turn a successful save into an error: the scheduler's periodic reconcile catches up.
 */
export async function notifyMonitorChange(monitorId: string, kind: MonitorChangeKind): Promise<void> {
  try {
    await afterMonitorChange(monitorId, kind);
  } catch (err) {
    log.warn({ err, monitorId, kind }, "monitor change notification failed; the scheduler reconcile will pick it up");
  }
}
