import Link from "next/link";
import type { Monitor } from "@/lib/db/schema";
import { isCheckedType, kindOfRow } from "@/lib/monitors/kinds/registry";
import type { OverviewStats } from "@/lib/rollups/overview";
import { Sparkline } from "@/components/charts/sparkline";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatEvery, timeAgo } from "./format";
import { ROW_ACTION } from "./action-styles";
import { MonitorActions } from "./monitor-actions";
import { MonitorStatus } from "./status-badge";
import { underMaintenance } from "@/lib/maintenance/occurrences";

const TH = "whitespace-nowrap px-3 py-2.5 text-left text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400";
const TD = "px-3 py-2.5 align-middle";

export function MonitorTable({ monitors, now, stats }: { monitors: Monitor[]; now: number; stats?: Map<string, OverviewStats> }) {
  return (
    <Card className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="monitor-table">
        <thead>
          <tr>
            <th className={TH}>Status</th>
            <th className={TH}>Monitor</th>
            <th className={TH}>Interval</th>
            <th className={TH}>Last checked</th>
            <th className={`${TH} text-right`}>Uptime 24h</th>
            <th className={TH}>Response time</th>
            <th className={TH}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {monitors.map((m) => {
            const last = m.type === "heartbeat" ? (m.lastPingAt ?? m.lastCheckedAt) : m.lastCheckedAt;
            return (
              <tr key={m.id} data-testid="monitor-row" data-monitor-id={m.id} className="hover:bg-slate-50 dark:hover:bg-slate-800/50">
                <td className={TD}>
                  <span className="flex items-center gap-1.5">
                    <MonitorStatus status={m.status} paused={m.paused} maintenance={underMaintenance(m, new Date(now))} />
                    {m.muted && <Badge tone="paused">muted</Badge>}
                  </span>
                </td>
                <td className={`${TD} max-w-72`}>
                  <Link
                    href={`/monitors/${m.id}`}
                    className="block truncate font-medium text-slate-900 hover:text-brand-600 hover:underline dark:text-slate-100"
                    data-testid="monitor-name"
                  >
                    {m.name}
                  </Link>
                  <span
                    className="block truncate font-mono text-xs text-slate-500 dark:text-slate-400"
                    title={kindOfRow(m).target(m)}
                    data-testid="monitor-target"
                  >
                    {kindOfRow(m).target(m)}
                  </span>
                </td>
                <td className={`${TD} whitespace-nowrap text-slate-600 dark:text-slate-400`}>
                  {isCheckedType(m.type) ? (
                    formatEvery(m.intervalSeconds)
                  ) : m.cron ? (
                    <span className="font-mono text-xs">{m.cron}</span>
                  ) : (
                    formatEvery(m.periodSeconds ?? 0)
                  )}
                </td>
                <td className={`${TD} whitespace-nowrap text-slate-600 dark:text-slate-400`}>
                  {last ? (
                    <time dateTime={last.toISOString()} title={last.toISOString()}>
                      {timeAgo(last, now)}
                    </time>
                  ) : (
                    "Never"
                  )}
                </td>
                <td className={`${TD} whitespace-nowrap text-right tabular-nums text-slate-600 dark:text-slate-400`} data-testid="uptime-24h">
                  {stats?.get(m.id) && last ? formatUptime(stats.get(m.id)!.uptime24h) : "—"}
                </td>
                <td className={`${TD} whitespace-nowrap`}>
                  {isCheckedType(m.type) ? (
                    <span className="flex items-center gap-2">
                      <Sparkline values={stats?.get(m.id)?.sparkline ?? []} width={72} className="text-brand-600 dark:text-brand-100" />
                      <span className="tabular-nums text-slate-600 dark:text-slate-400" data-testid="last-latency">
                        {m.lastLatencyMs != null ? `${m.lastLatencyMs} ms` : "—"}
                      </span>
                    </span>
                  ) : (
                    <span className="text-slate-400">—</span>
                  )}
                </td>
                <td className={`${TD} whitespace-nowrap`}>
                  <div className="flex items-center justify-end">
                    <Link href={`/monitors/${m.id}/edit`} className={ROW_ACTION}>
                      Edit
                    </Link>
                    <MonitorActions id={m.id} name={m.name} paused={m.paused} muted={m.muted} />
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </Card>
  );
}

function formatUptime(pct: number): string {
  return pct >= 99.995 ? "100%" : `${pct.toFixed(2)}%`;
}
