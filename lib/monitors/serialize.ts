import type { Monitor, MonitorDisplayStatus } from "../db/schema";
import { underMaintenance } from "../maintenance/occurrences";
import { kindOfRow } from "./kinds/registry";

/** The API's Monitor: common fields plus only the fields of its kind (kind.api). */
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

export { pingUrl } from "./kinds/heartbeat";

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
  const kind = kindOfRow(row);
  const last = kind.lastCheckedAt ? kind.lastCheckedAt(row) : row.lastCheckedAt;
  return {
    ...common,
    lastCheckedAt: last ? last.toISOString() : null,
    ...kind.api(row),
  };
}
