import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import type { InstanceView } from "@/lib/cluster/instances";
import { ago, bytes, duration, ms } from "./format";

const th = "px-3 py-2 text-left text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400";
const td = "px-3 py-2 whitespace-nowrap";

export function InstancesTable({ instances }: { instances: InstanceView[] }) {
  if (instances.length === 0) {
    return (
      <EmptyState title="No worker is running">
        Start one with <code>npm run worker</code> (region from WORKER_REGION).
      </EmptyState>
    );
  }
  return (
    <Card className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="instances">
        <thead>
          <tr>
            {["Instance", "Region", "Version", "Uptime", "Heartbeat", "CPU", "RSS", "Processed", "Failures", "Avg / p95", "Lag p95"].map((h) => (
              <th key={h} scope="col" className={th}>
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {instances.map((i) => (
            <tr key={i.id} data-testid="instance-row" className={i.stale ? "opacity-70" : undefined}>
              <td className={td}>
                <div className="font-medium">{i.host}</div>
                <div className="text-xs text-slate-500 dark:text-slate-400">
                  pid {i.pid} · ×{i.concurrency}
                </div>
              </td>
              <td className={td}>
                {i.region}{" "}
                {i.stats?.browser ? (
                  <span title="Runs browser checks (WORKER_BROWSER=true)" data-testid="instance-browser">
                    <Badge>browser</Badge>
                  </span>
                ) : null}
              </td>
              <td className={td}>{i.version}</td>
              <td className={td}>{duration(i.uptimeSeconds)}</td>
              <td className={td}>
                {ago(i.lastHeartbeatAt)} {i.stale ? <Badge tone="down">stale</Badge> : <Badge tone="up">live</Badge>}
              </td>
              <td className={td}>{i.stats ? `${i.stats.cpuPercent}%` : "—"}</td>
              <td className={td}>{bytes(i.stats?.rssBytes)}</td>
              <td className={td}>{i.stats?.processed ?? "—"}</td>
              <td className={td}>
                {i.stats ? `${i.stats.checksFailed ?? 0} down` : "—"}
                {i.stats?.failed ? <span className="text-red-600 dark:text-red-400"> · {i.stats.failed} errors</span> : null}
              </td>
              <td className={td}>{i.stats ? `${ms(i.stats.avgMs)} / ${ms(i.stats.p95Ms)}` : "—"}</td>
              <td className={td}>{ms(i.stats?.lagP95Ms)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
