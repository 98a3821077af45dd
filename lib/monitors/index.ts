export { createMonitor } from "./create-monitor";
export { getMonitorOrThrow, isUuid } from "./get-monitor";
export { updateMonitor } from "./update-monitor";
export { setPaused } from "./set-paused";
export { setMuted } from "./set-muted";
export { deleteMonitor } from "./delete-monitor";
export { listMonitors, countMonitorsByStatus, LIST_STATUSES, type ListStatus } from "./list-monitors";
export { toApiMonitor, pingUrl, type ApiMonitor } from "./serialize";
export { validateMonitorInput, validateMonitorPatch, type MonitorValues } from "./validate";
