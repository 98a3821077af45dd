import { alertCertificateExpiring } from "../alerts/certificate-expiry";
import type { Db } from "../db/client";
import { NotFoundError } from "../errors";
import type { CheckStats } from "../cluster/check-stats";
import { evaluateMonitor } from "../incidents/evaluate-monitor";
import { monitorRegions, recheckRegions } from "../incidents/evaluate";
import type { Logger } from "../log";
import type { CheckJobData } from "../queue/check-jobs";
import type { MonitorCache } from "../scheduler/monitor-cache";
import { isCheckedType } from "../monitors/kinds/registry";
import { failureSummary } from "./failure-summary";
import { saveFailureScreenshot } from "./screenshots";
import type { ResultWriter } from "./result-writer";
import type { CheckRunner } from "./types";

export type CheckJobDeps = {
  db: Db;
  monitors: MonitorCache;
  runCheck: CheckRunner;
  writer: ResultWriter;
  allRegions: string[];
  /** Enqueues immediate re-checks in other regions (cross-region confirmation). */
  recheck: (jobs: CheckJobData[]) => Promise<void>;
  stats?: CheckStats;
  log?: Logger;
};

export type CheckJobOutcome = { status: "checked"; ok: boolean; lagMs: number | null } | { status: "skipped"; reason: string };

/**
 * One check job: monitor from the in-memory cache, run the check, store the result through the batched
 * writer (resolves once durable), then — only when something may change — ask the other regions to
 * confirm a failure and apply the incident rule. A deleted monitor is NotFound (never retried).
 */
export async function runCheckJob(deps: CheckJobDeps, data: CheckJobData, startedAt = Date.now()): Promise<CheckJobOutcome> {
  const monitor = await deps.monitors.get(data.monitorId);
  if (!monitor) throw new NotFoundError("Monitor");
  if (!isCheckedType(monitor.type) || monitor.paused) return { status: "skipped", reason: monitor.paused ? "paused" : "not a checked monitor kind" };
  if (!monitorRegions(monitor, deps.allRegions).includes(data.region)) return { status: "skipped", reason: "region not checked" };
  const lagMs = data.kind === "slot" ? startedAt - data.slot : null;

  const result = await deps.runCheck(monitor, data.region);
  const outcome = await deps.writer.write({
    monitorId: monitor.id,
    region: data.region,
    scheduledAt: data.kind === "slot" ? new Date(data.slot) : null,
    result,
    summary: failureSummary(result, monitor),
  });
  // Duration of the check itself (the engine's total), not of the job (which also waits for the writer).
  deps.stats?.recordCheck(result.ok, result.timings?.totalMs ?? result.latencyMs ?? Date.now() - startedAt, lagMs);
  const cert = outcome.certificateDue;
  if (cert) {
    await alertCertificateExpiring(deps.db, {
      workspaceId: cert.workspaceId,
      monitorId: monitor.id,
      expiresAt: cert.expiresAt,
      thresholdDays: cert.thresholdDays,
    }).catch((err) => deps.log?.warn({ err, monitorId: monitor.id }, "could not enqueue the certificate expiry alert"));
  }
  if (outcome.checkId === null)
    return { status: "skipped", reason: "not stored: monitor deleted meanwhile, or this slot was already stored by an earlier run" };
  if (!result.ok && result.screenshot) {
    await saveFailureScreenshot(deps.db, {
      monitorId: monitor.id,
      region: data.region,
      takenAt: result.startedAt,
      error: result.error,
      image: result.screenshot,
    }).catch((err) => deps.log?.warn({ err, monitorId: monitor.id }, "could not store the failure screenshot"));
  }

  const down = outcome.monitorStatus === "down";
  if (!result.ok && !down && data.kind !== "recheck") {
    const others = recheckRegions(monitor, data.region, deps.allRegions);
    if (others.length) {
      await deps
        .recheck(
          others.map((region) => ({ monitorId: monitor.id, region, slot: data.slot, kind: "recheck" as const, ...(data.lane ? { lane: data.lane } : {}) })),
        )
        .catch((err) => deps.log?.warn({ err, monitorId: monitor.id }, "could not enqueue re-checks"));
    }
  }
  // A failure on a monitor not yet down, or a success on one that is down, may change its incident.
  if (result.ok === down) {
    await evaluateMonitor(deps.db, { monitor, allRegions: deps.allRegions, openingCheckId: outcome.checkId });
  }
  return { status: "checked", ok: result.ok, lagMs };
}
