import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { HeartbeatPing, Incident } from "@/lib/db/schema";
import type { CheckRow } from "@/lib/rollups/monitor-view";
import { formatUptime, WINDOW_NAMES, type UptimeWindow } from "@/lib/uptime/compute";
import type { UptimeResult } from "@/lib/uptime/get-uptime";
import { DurationChart } from "./duration-chart";
import { formatDateTime, formatDuration } from "./format";

/** `maintenance`: under an active maintenance window (underMaintenance(row), lib/maintenance). */
export function MonitorStatusBadge({ status, paused, maintenance = false }: { status: "up" | "down" | "pending"; paused: boolean; maintenance?: boolean }) {
  if (paused) return <Badge tone="paused">Paused</Badge>;
  if (maintenance) return <Badge tone="pending">Under maintenance</Badge>;
  const label = { up: "Up", down: "Down", pending: "Pending" }[status];
  return <Badge tone={status}>{label}</Badge>;
}

export function TlsExpiry({ at, url }: { at: Date | null; url: string | null }) {
  if (!url?.startsWith("https:")) return <span className="text-slate-500">Not HTTPS</span>;
  if (!at) return <span className="text-slate-500">Unknown yet</span>;
  const days = Math.floor((at.getTime() - Date.now()) / 86_400_000);
  const tone = days < 7 ? "text-red-600 dark:text-red-400" : days < 21 ? "text-amber-600 dark:text-amber-400" : "";
  const date = at.toISOString().slice(0, 10);
  return (
    <span className={tone} data-testid="tls-expiry">
      {days < 0 ? `Expired (${date})` : `Expires in ${days} day${days === 1 ? "" : "s"} (${date})`}
    </span>
  );
}

export function UptimeStats({ windows }: { windows: Record<UptimeWindow, UptimeResult> }) {
  return (
    <div className="grid grid-cols-2 gap-4 sm:grid-cols-4" data-testid="uptime-stats">
      {WINDOW_NAMES.map((w) => {
        const u = windows[w];
        return (
          <Card key={w} className="p-4">
            <p className="text-xs text-slate-500 dark:text-slate-400">Uptime {w}</p>
            <p className={cn("mt-1 text-2xl font-semibold tabular-nums", u.uptime < 99 && "text-red-600 dark:text-red-400")} data-testid={`uptime-${w}`}>
              {formatUptime(u.uptime)}
            </p>
            <p className="mt-1 text-xs text-slate-500 dark:text-slate-400">
              {u.checks.toLocaleString("en-US")} checks · {u.downtimeSeconds ? `down ${formatDuration(u.downtimeSeconds * 1000)}` : "no downtime"}
            </p>
          </Card>
        );
      })}
    </div>
  );
}

const th = "px-4 py-2 text-left text-xs font-medium text-slate-500 dark:text-slate-400";
const td = "px-4 py-2 align-top";

export function IncidentList({ incidents }: { incidents: Incident[] }) {
  return (
    <Card className="overflow-hidden">
      <h2 className="px-5 pt-4 pb-2 text-sm font-semibold">Incidents</h2>
      {incidents.length === 0 ? (
        <p className="px-5 pb-5 text-sm text-slate-600 dark:text-slate-400">
          No incidents. When checks fail past the monitor&apos;s threshold, the incident and its timeline show up here.
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid="monitor-incidents">
            <thead className="border-b border-slate-200 dark:border-slate-800">
              <tr>
                <th className={th}>Started</th>
                <th className={th}>Cause</th>
                <th className={th}>Duration</th>
                <th className={th}>Status</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {incidents.map((i) => (
                <tr key={i.id}>
                  <td className={cn(td, "whitespace-nowrap")}>
                    <Link className="font-medium text-brand-600 hover:underline dark:text-brand-100" href={`/incidents/${i.id}`}>
                      {formatDateTime(i.startedAt)}
                    </Link>
                  </td>
                  <td className={cn(td, "max-w-xs truncate")}>{i.cause}</td>
                  <td className={cn(td, "tabular-nums")}>{formatDuration((i.resolvedAt ?? new Date()).getTime() - i.startedAt.getTime())}</td>
                  <td className={td}>{i.status === "open" ? <Badge tone="down">Open</Badge> : <Badge tone="up">Resolved</Badge>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export function CheckTable({ title, checks, empty, testId }: { title: string; checks: CheckRow[]; empty: string; testId: string }) {
  return (
    <Card className="overflow-hidden">
      <h2 className="px-5 pt-4 pb-2 text-sm font-semibold">{title}</h2>
      {checks.length === 0 ? (
        <p className="px-5 pb-5 text-sm text-slate-600 dark:text-slate-400">{empty}</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-sm" data-testid={testId}>
            <thead className="border-b border-slate-200 dark:border-slate-800">
              <tr>
                <th className={th}>Time</th>
                <th className={th}>Region</th>
                <th className={th}>Result</th>
                <th className={th}>Latency</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
              {checks.map((c) => (
                <tr key={c.id}>
                  <td className={cn(td, "whitespace-nowrap")}>{formatDateTime(c.startedAt)}</td>
                  <td className={td}>{c.region}</td>
                  <td className={td}>
                    {c.ok ? (
                      <span className="text-emerald-700 dark:text-emerald-400">{c.statusCode ?? "OK"}</span>
                    ) : (
                      <span className="text-red-700 dark:text-red-400">
                        {c.statusCode ? `${c.statusCode} ` : ""}
                        {c.error ?? c.errorClass ?? "failed"}
                      </span>
                    )}
                    {Array.isArray(c.detail?.answers) && (
                      // A DNS check's answers, kept with its result.
                      <code
                        className="mt-0.5 block max-w-[22rem] truncate text-xs text-slate-500 dark:text-slate-400"
                        title={(c.detail.answers as string[]).join("\n")}
                        data-testid="dns-answers"
                      >
                        {(c.detail.answers as string[]).length ? (c.detail.answers as string[]).join(", ") : "no answer"}
                      </code>
                    )}
                  </td>
                  <td className={cn(td, "tabular-nums")}>{c.latencyMs !== null ? `${c.latencyMs} ms` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Card>
  );
}

export function HeartbeatPanel({ pings }: { pings: HeartbeatPing[] }) {
  const runs = pings
    .filter((p) => p.durationMs !== null)
    .reverse()
    .map((p) => ({ t: p.receivedAt.getTime(), durationMs: p.durationMs!, ok: p.kind !== "fail" }));
  return (
    <Card className="overflow-hidden">
      <h2 className="px-5 pt-4 pb-2 text-sm font-semibold">Last pings</h2>
      {pings.length === 0 ? (
        <p className="px-5 pb-5 text-sm text-slate-600 dark:text-slate-400">
          No pings yet. Call the monitor&apos;s ping URL from your job (see Edit) and each run shows up here.
        </p>
      ) : (
        <>
          {runs.length > 1 && (
            <div className="px-5 pb-4">
              <h3 className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-500">Run durations</h3>
              <DurationChart runs={runs} />
            </div>
          )}
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="heartbeat-pings">
              <thead className="border-b border-slate-200 dark:border-slate-800">
                <tr>
                  <th className={th}>Received</th>
                  <th className={th}>Kind</th>
                  <th className={th}>Exit</th>
                  <th className={th}>Duration</th>
                  <th className={th}>Source</th>
                  <th className={th}>Body</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {pings.map((p) => (
                  <tr key={p.id}>
                    <td className={cn(td, "whitespace-nowrap")}>{formatDateTime(p.receivedAt)}</td>
                    <td className={td}>
                      <Badge tone={p.kind === "fail" ? "down" : p.kind === "start" ? "neutral" : "up"}>{p.kind}</Badge>
                    </td>
                    <td className={cn(td, "tabular-nums")}>{p.exitCode ?? "—"}</td>
                    <td className={cn(td, "tabular-nums")}>{p.durationMs !== null ? formatDuration(p.durationMs) : "—"}</td>
                    <td className={td}>
                      <span className="block font-mono text-xs">{p.sourceIp ?? "—"}</span>
                      <span className="block max-w-[14rem] truncate text-xs text-slate-500" title={p.userAgent ?? ""}>
                        {p.userAgent}
                      </span>
                    </td>
                    <td className={td}>
                      <code className="block max-w-[16rem] truncate text-xs" title={p.body ?? ""}>
                        {p.body ? `${p.body.slice(0, 120)}${p.bodyTruncated ? "…" : ""}` : "—"}
                      </code>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </Card>
  );
}
