import Link from "next/link";
import { CheckNowButton } from "@/components/monitors/check-now";
import { isCheckedType, kindOfRow } from "@/lib/monitors/kinds/registry";
import { notFound } from "next/navigation";
import { BreakdownChart } from "@/components/charts/breakdown-chart";
import { formatDateTime, formatDuration } from "@/components/charts/format";
import { LatencyChart } from "@/components/charts/latency-chart";
import { RangeTabs } from "@/components/charts/range-tabs";
import { UptimeBars } from "@/components/charts/uptime-bars";
import { CheckTable, HeartbeatPanel, IncidentList, MonitorStatusBadge, TlsExpiry, UptimeStats } from "@/components/charts/monitor-panels";
import { underMaintenance } from "@/lib/maintenance/occurrences";
import { buttonClass } from "@/components/ui/button";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { MuteToggle } from "@/components/monitors/mute-toggle";
import { db } from "@/lib/db/client";
import { getMonitorView } from "@/lib/rollups/monitor-view";
import { getLatencySeries, isRange, RANGE_NAMES, RANGES } from "@/lib/rollups/series";
import { Meta } from "@/components/ui/meta";
import { requireSessionCtx } from "../../../_lib/session";

export const metadata = { title: "Monitor" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export default async function MonitorPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ range?: string }> }) {
  const { ctx } = await requireSessionCtx();
  const { id } = await params;
  const { range: rawRange } = await searchParams;
  if (!UUID.test(id)) notFound();
  const view = await getMonitorView(ctx, id, isRange(rawRange) ? rawRange : "24h");
  if (!view) notFound();
  // A monitor younger than a few hours has one or two hourly points: default to the raw last hour.
  const young = Date.now() - view.monitor.createdAt.getTime() < 3 * 3_600_000;
  const range = isRange(rawRange) ? rawRange : young ? "1h" : "24h";
  if (range !== "24h" && !isRange(rawRange)) view.series = await getLatencySeries(db, view.monitor.id, range);
  const { monitor: m, series, uptime } = view;
  const base = `/monitors/${m.id}`;
  const regions = m.regions.length ? m.regions.join(", ") : "All regions";
  const phases = kindOfRow(m).timings ?? [];

  return (
    <div className="space-y-6" data-testid="monitor-page">
      <PageHeader
        title={m.name}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <MonitorStatusBadge status={m.status} paused={m.paused} maintenance={underMaintenance(m, new Date())} />
            {m.muted && (
              <span data-testid="monitor-muted">
                <Badge tone="paused">muted</Badge>
              </span>
            )}
            <span className="break-all font-mono text-xs" data-testid="monitor-target">
              {kindOfRow(m).target(m)}
            </span>
          </span>
        }
        actions={
          <>
            <Link href="/monitors" className={buttonClass("ghost")}>
              All monitors
            </Link>
            {isCheckedType(m.type) && !m.paused && <CheckNowButton id={m.id} />}
            <MuteToggle id={m.id} muted={m.muted} />
            <Link href={`${base}/edit`} className={buttonClass("secondary")}>
              Edit
            </Link>
          </>
        }
      />

      <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
        {isCheckedType(m.type) ? (
          <>
            <Meta term="Interval">every {formatDuration(m.intervalSeconds * 1000)}</Meta>
            <Meta term="Regions">{regions}</Meta>
            <Meta term="Last checked">{m.lastCheckedAt ? formatDateTime(m.lastCheckedAt) : "Not yet"}</Meta>
            {m.type === "http" ? (
              <Meta term="TLS certificate">
                <TlsExpiry at={m.tlsExpiresAt ?? view.tlsExpiresAt} url={m.url} />
              </Meta>
            ) : (
              <Meta term="Timeout">{formatDuration(m.timeoutSeconds * 1000)}</Meta>
            )}
          </>
        ) : (
          <>
            <Meta term="Expected every">{m.cron ? `${m.cron} (${m.timezone ?? "UTC"})` : formatDuration((m.periodSeconds ?? 0) * 1000)}</Meta>
            <Meta term="Grace">{formatDuration((m.graceSeconds ?? 0) * 1000)}</Meta>
            <Meta term="Last ping">{m.lastPingAt ? formatDateTime(m.lastPingAt) : "Never"}</Meta>
            <Meta term="Next deadline">{m.deadlineAt ? formatDateTime(m.deadlineAt) : "—"}</Meta>
          </>
        )}
      </dl>

      <UptimeStats windows={uptime.windows} />

      <Card className="p-5">
        <h2 className="mb-3 text-sm font-semibold">Last 90 days</h2>
        <UptimeBars bars={uptime.bars} label="Daily uptime, last 90 days" />
      </Card>

      {isCheckedType(m.type) && (
        <Card className="p-5">
          <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
            <h2 className="text-sm font-semibold">Response time</h2>
            <RangeTabs basePath={base} ranges={RANGE_NAMES} current={range} />
          </div>
          {series.points.length === 0 ? (
            <EmptyState title="No checks in this range yet">
              Results appear here within a minute of the first check{range !== "1h" ? "; longer ranges fill in from hourly rollups" : ""}. Try a longer range,
              or check that the monitor isn&apos;t paused.
            </EmptyState>
          ) : (
            <div className="space-y-6">
              <LatencyChart points={series.points} regions={series.regions} spanMs={RANGES[range].ms} />
              {phases.length > 0 && (
                <div>
                  <h3 className="mb-2 text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400">Breakdown (all regions)</h3>
                  <BreakdownChart points={series.breakdown} phases={phases} spanMs={RANGES[range].ms} />
                </div>
              )}
            </div>
          )}
        </Card>
      )}

      {m.type === "heartbeat" && <HeartbeatPanel pings={view.pings} />}

      <IncidentList incidents={view.incidents} />

      {isCheckedType(m.type) && (
        <div className="grid items-start gap-6 lg:grid-cols-2">
          <CheckTable title="Failed checks (last 24 h)" checks={view.failedChecks} empty="No failed checks in the last 24 hours." testId="failed-checks" />
          <CheckTable title="Latest checks" checks={view.recentChecks} empty="No checks yet: the first one runs within one interval." testId="latest-checks" />
        </div>
      )}
    </div>
  );
}
