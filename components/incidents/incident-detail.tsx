import Link from "next/link";
import { formatDateTime, formatDuration } from "@/components/charts/format";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, PageHeader } from "@/components/ui/card";
import { cn } from "@/components/ui/cn";
import type { CheckResult } from "@/lib/db/schema";
import type { IncidentDetail } from "@/lib/incidents/incident-detail";
import { Meta } from "@/components/ui/meta";
import { heartbeatFailureFacts } from "@/lib/alerts/message";
import { acknowledgeIncidentAction } from "@/app/(app)/incidents/[id]/actions";

const th = "px-4 py-2 text-left text-xs font-medium text-slate-500 dark:text-slate-400";
const td = "px-4 py-2 align-top";

export function IncidentDetailView({ detail }: { detail: IncidentDetail }) {
  const { incident: i, monitor: m, openingCheck: c } = detail;
  const open = i.status === "open";
  const duration = (i.resolvedAt ?? new Date()).getTime() - i.startedAt.getTime();
  // Pausing a monitor ends its incident without a recovery (lib/monitors/pause.ts): say so, not "Resolved".
  const endedByPause = !open && i.details?.endedBy === "paused";
  return (
    <div className="space-y-6" data-testid="incident-page">
      <PageHeader
        title={`${m.name}: ${open ? "ongoing incident" : endedByPause ? "incident ended by a pause" : "resolved incident"}`}
        description={
          <span className="flex flex-wrap items-center gap-2">
            {open ? <Badge tone="down">Open</Badge> : endedByPause ? <Badge tone="neutral">Ended by pause</Badge> : <Badge tone="up">Resolved</Badge>}
            <span>{i.cause}</span>
          </span>
        }
        actions={
          <>
            {open && !i.acknowledgedAt && (
              <form action={acknowledgeIncidentAction.bind(null, i.id)}>
                <button type="submit" className={buttonClass("primary")} data-testid="acknowledge">
                  Acknowledge
                </button>
              </form>
            )}
            <Link href={`/monitors/${m.id}`} className={buttonClass("secondary")}>
              Monitor
            </Link>
          </>
        }
      />
      <dl className="grid grid-cols-2 gap-4 text-sm sm:grid-cols-4">
        <Meta term="Started">{formatDateTime(i.startedAt)}</Meta>
        <Meta term={open ? "Ongoing for" : endedByPause ? "Monitor paused" : "Resolved"}>
          {open ? formatDuration(duration) : formatDateTime(i.resolvedAt!)}
        </Meta>
        <Meta term="Duration">{formatDuration(duration)}</Meta>
        <Meta term="Regions">{i.regions.length ? i.regions.join(", ") : "—"}</Meta>
        {i.acknowledgedAt && (
          <Meta term="Acknowledged">
            <span data-testid="acknowledged-by">
              by {i.acknowledgedBy?.label ?? "someone"} at {formatDateTime(i.acknowledgedAt)}
            </span>
          </Meta>
        )}
      </dl>

      <Card className="p-5" data-testid="failing-response">
        <h2 className="text-sm font-semibold">The failing response</h2>
        {!c ? (
          m.type === "heartbeat" ? (
            <HeartbeatFailure details={i.details} />
          ) : (
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">
              The check that opened this incident is no longer stored (results expire after the retention period).
            </p>
          )
        ) : (
          <div className="mt-3 space-y-3 text-sm">
            <p>
              <span className="font-medium">{c.statusCode ? `HTTP ${c.statusCode}` : (c.errorClass ?? "Failed")}</span>
              <span className="text-slate-600 dark:text-slate-400">
                {" "}
                · {c.region} · {formatDateTime(c.startedAt)}
                {c.latencyMs !== null ? ` · ${c.latencyMs} ms` : ""}
              </span>
            </p>
            {c.error && <p className="text-red-700 dark:text-red-400">{c.error}</p>}
            {c.responseHeaders && (
              <div>
                <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Headers</h3>
                <pre
                  className="max-h-48 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs whitespace-pre-wrap dark:bg-slate-950"
                  data-testid="response-headers"
                >
                  {c.responseHeaders}
                </pre>
              </div>
            )}
            {c.responseSnippet && (
              <div>
                <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Body (first bytes)</h3>
                <pre
                  className="max-h-64 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs whitespace-pre-wrap break-all dark:bg-slate-950"
                  data-testid="response-body"
                >
                  {c.responseSnippet}
                </pre>
              </div>
            )}
          </div>
        )}
      </Card>

      {detail.screenshot && (
        <Card className="p-5" data-testid="failure-screenshot">
          <h2 className="text-sm font-semibold">The page as the browser saw it</h2>
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            {detail.screenshot.region} · {formatDateTime(detail.screenshot.takenAt)}
            {detail.screenshot.error ? ` · ${detail.screenshot.error}` : ""}
          </p>
          {/* A data URL of the stored JPEG: no route of its own to authorize, the page already is. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img
            src={detail.screenshot.dataUrl}
            alt={`Screenshot of ${m.name} when the check failed`}
            className="mt-3 w-full max-w-3xl rounded-md ring-1 ring-slate-200 dark:ring-slate-800"
          />
        </Card>
      )}

      <Timeline title="How it started" checks={detail.onset} empty="No checks stored around the start." />
      {!open && !endedByPause && <Timeline title="Recovery" checks={detail.recovery} empty="No checks stored around the recovery." />}

      <Card className="overflow-hidden">
        <h2 className="px-5 pt-4 pb-2 text-sm font-semibold">Alerts sent</h2>
        {detail.alerts.length === 0 ? (
          <p className="px-5 pb-5 text-sm text-slate-600 dark:text-slate-400">
            No alerts for this incident. Add an alert channel under{" "}
            <Link className="text-brand-600 hover:underline" href="/alerts">
              Alerts
            </Link>{" "}
            to be told next time.
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="incident-alerts">
              <thead className="border-b border-slate-200 dark:border-slate-800">
                <tr>
                  <th className={th}>Event</th>
                  <th className={th}>To</th>
                  <th className={th}>Status</th>
                  <th className={th}>Sent</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
                {detail.alerts.map((a) => (
                  <tr key={a.id}>
                    <td className={td}>{a.event}</td>
                    <td className={cn(td, "break-all")}>{a.target}</td>
                    <td className={td}>
                      <Badge tone={a.status === "sent" ? "up" : a.status === "failed" ? "down" : "pending"}>{a.status}</Badge>
                      {a.attempts > 1 && <span className="ml-2 text-xs text-slate-500">{a.attempts} attempts</span>}
                      {a.lastError && a.status !== "sent" && <p className="mt-1 text-xs text-red-700 dark:text-red-400">{a.lastError}</p>}
                    </td>
                    <td className={cn(td, "whitespace-nowrap")}>{a.sentAt ? formatDateTime(a.sentAt) : "—"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </div>
  );
}

/** What the heartbeat said (a /fail or non-zero exit ping), or that it stayed silent. */
function HeartbeatFailure({ details }: { details: Record<string, unknown> }) {
  const muted = "mt-2 text-sm text-slate-600 dark:text-slate-400";
  if (details.heartbeat !== "fail") {
    const text = details.heartbeat === "run-timeout" ? "The job reported its start but no end in time." : "The expected ping did not arrive in time.";
    return <p className={muted}>{text}</p>;
  }
  const facts = heartbeatFailureFacts({ ...details, body: null });
  const body = typeof details.body === "string" && details.body.trim() ? details.body : null;
  return (
    <div className="mt-3 space-y-3 text-sm" data-testid="heartbeat-failure">
      <p>
        <span className="font-medium">The job reported a failure</span>
        <span className="text-slate-600 dark:text-slate-400">
          {" "}
          · {facts.length ? facts.map(([k, v]) => `${k.toLowerCase()} ${v}`).join(" · ") : "via /fail"}
        </span>
      </p>
      {body ? (
        <div>
          <h3 className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">Ping body (first bytes)</h3>
          <pre
            className="max-h-64 overflow-auto rounded-md bg-slate-50 p-3 font-mono text-xs whitespace-pre-wrap break-all dark:bg-slate-950"
            data-testid="ping-body"
          >
            {body}
          </pre>
        </div>
      ) : (
        <p className="text-slate-600 dark:text-slate-400">The ping carried no body.</p>
      )}
    </div>
  );
}

function Timeline({ title, checks, empty }: { title: string; checks: CheckResult[]; empty: string }) {
  const regions = [...new Set(checks.map((c) => c.region))].sort();
  return (
    <Card className="p-5" data-testid="incident-timeline">
      <h2 className="text-sm font-semibold">{title}</h2>
      {checks.length === 0 ? (
        <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{empty}</p>
      ) : (
        <div className="mt-3 space-y-3">
          {regions.map((r) => {
            const list = checks.filter((c) => c.region === r);
            const failed = list.filter((c) => !c.ok).length;
            return (
              <div key={r}>
                <p className="mb-1 text-xs text-slate-600 dark:text-slate-400">
                  <span className="font-medium text-slate-800 dark:text-slate-200">{r}</span> · {list.length} checks, {failed} failed ·{" "}
                  {formatDateTime(list[0].startedAt)} → {formatDateTime(list[list.length - 1].startedAt)}
                </p>
                <ol className="flex flex-wrap gap-0.5" aria-label={`Checks from ${r}, oldest first`}>
                  {list.map((c) => (
                    <li
                      key={c.id}
                      title={`${formatDateTime(c.startedAt)}: ${c.ok ? `OK ${c.statusCode ?? ""} ${c.latencyMs ?? ""} ms` : `${c.statusCode ?? ""} ${c.error ?? c.errorClass ?? "failed"}`}`}
                      className={cn("h-5 w-2 rounded-sm", c.ok ? "bg-emerald-500" : "bg-red-500")}
                    >
                      <span className="sr-only">
                        {formatDateTime(c.startedAt)} {c.ok ? "ok" : "failed"}
                      </span>
                    </li>
                  ))}
                </ol>
              </div>
            );
          })}
        </div>
      )}
    </Card>
  );
}
