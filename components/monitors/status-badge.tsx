import { Badge } from "@/components/ui/badge";

const LABELS = { up: "Up", down: "Down", pending: "Pending", paused: "Paused", maintenance: "Under maintenance" } as const;

/** `maintenance`: under an active maintenance window (lib/maintenance: underMaintenance(row)). */
export function MonitorStatus({ status, paused, maintenance = false }: { status: "up" | "down" | "pending"; paused: boolean; maintenance?: boolean }) {
  const s = paused ? "paused" : maintenance ? "maintenance" : status;
  return (
    <Badge tone={s === "maintenance" ? "paused" : s}>
      <span
        aria-hidden
        className={`h-1.5 w-1.5 rounded-full ${s === "up" ? "bg-emerald-500" : s === "down" ? "bg-red-500" : s === "pending" ? "bg-amber-500" : "bg-slate-400"}`}
      />
      <span data-testid="monitor-status">{LABELS[s]}</span>
    </Badge>
  );
}
