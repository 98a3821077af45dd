import { asc, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { heartbeatPings, monitors, type MonitorStatus, type PingKind } from "../db/schema";
import { openIncident } from "../incidents/open-incident";
import { resolveIncident } from "../incidents/resolve-incident";
import { underMaintenance } from "../maintenance/occurrences";
import { announceMonitorStatusChange } from "../status-pages/change-feed";
import { deadlineAfterPing, deadlineAfterStart } from "./schedule";
import type { StreamPing } from "./stream";

export type StreamEntry = { id: string; ping: StreamPing };

type State = {
  id: string;
  workspaceId: string;
  paused: boolean;
  status: MonitorStatus;
  lastPingAt: Date | null;
  lastPingKind: PingKind | null;
  runStartedAt: Date | null;
  deadlineAt: Date | null;
  periodSeconds: number | null;
  graceSeconds: number | null;
  cron: string | null;
  timezone: string | null;
  maintenanceStartsAt: Date | null;
  maintenanceEndsAt: Date | null;
  failureThreshold: number;
  /** Missed or failed runs in a row (a success resets it); the incident opens at failureThreshold. */
  consecutiveFailures: number;
};

function failCause(p: StreamPing): string {
  return p.exitCode !== null ? `Job reported failure (exit code ${p.exitCode})` : "Job reported failure (/fail)";
}

/**
 * Writes a batch of pings from the stream and applies them to monitor state, all in one transaction:
 * either the whole batch (pings, lastPingAt/deadline/status, incidents and their alert outbox rows)
 * commits or none of it does. The stream entry id is the ping's ingestId: a batch delivered again
 * (worker died before XACK, or XAUTOCLAIM by another worker) finds its pings already stored and skips them.
 */
export async function storePingBatch(db: Db, entries: StreamEntry[]): Promise<{ stored: number; skipped: number }> {
  if (entries.length === 0) return { stored: 0, skipped: 0 };
  const statusChanged: string[] = [];
  const result = await db.transaction(async (tx) => {
    const ids = [...new Set(entries.map((e) => e.ping.monitorId))].sort();
    // Locks the monitors in id order (no deadlocks between writers); the deadline sweep skips locked rows.
    const rows = await tx
      .select({
        id: monitors.id,
        workspaceId: monitors.workspaceId,
        paused: monitors.paused,
        status: monitors.status,
        lastPingAt: monitors.lastPingAt,
        lastPingKind: monitors.lastPingKind,
        runStartedAt: monitors.runStartedAt,
        deadlineAt: monitors.deadlineAt,
        periodSeconds: monitors.periodSeconds,
        graceSeconds: monitors.graceSeconds,
        cron: monitors.cron,
        timezone: monitors.timezone,
        maintenanceStartsAt: monitors.maintenanceStartsAt,
        maintenanceEndsAt: monitors.maintenanceEndsAt,
        failureThreshold: monitors.failureThreshold,
        consecutiveFailures: monitors.consecutiveFailures,
      })
      .from(monitors)
      .where(inArray(monitors.id, ids))
      .orderBy(asc(monitors.id))
      .for("update");
    const state = new Map<string, State>(rows.map((r) => [r.id, { ...r }]));
    const statusBefore = new Map(rows.map((r) => [r.id, r.status]));
    const existing = new Set(
      (
        await tx
          .select({ id: heartbeatPings.ingestId })
          .from(heartbeatPings)
          .where(
            inArray(
              heartbeatPings.ingestId,
              entries.map((e) => e.id),
            ),
          )
      ).map((r) => r.id),
    );
    // Stream ids grow with time, so sorting by id replays pings in the order they were accepted.
    const fresh = entries.filter((e) => !existing.has(e.id) && state.has(e.ping.monitorId)).sort((a, b) => cmpStreamId(a.id, b.id));
    const values: (typeof heartbeatPings.$inferInsert)[] = [];
    const changed = new Set<string>();
    for (const e of fresh) {
      const s = state.get(e.ping.monitorId)!;
      const p = e.ping;
      const at = new Date(p.receivedAt);
      let durationMs: number | null = null;
      if (p.kind !== "start" && s.runStartedAt && at >= s.runStartedAt) durationMs = at.getTime() - s.runStartedAt.getTime();
      values.push({
        monitorId: s.id,
        receivedAt: at,
        kind: p.kind,
        exitCode: p.exitCode,
        durationMs,
        sourceIp: p.sourceIp,
        userAgent: p.userAgent,
        body: p.body,
        bodyTruncated: p.bodyTruncated,
        ingestId: e.id,
      });
      changed.add(s.id);
      s.lastPingAt = at;
      s.lastPingKind = p.kind;
      if (s.paused) continue;
      if (p.kind === "start") {
        s.runStartedAt = at;
        s.deadlineAt = deadlineAfterStart(s, at);
        continue;
      }
      s.runStartedAt = null;
      s.deadlineAt = deadlineAfterPing(s, at);
      await applyOutcome(tx, s, p, at);
    }
    for (let i = 0; i < values.length; i += 2000)
      await tx
        .insert(heartbeatPings)
        .values(values.slice(i, i + 2000))
        .onConflictDoNothing();
    if (changed.size) {
      const updates = [...changed].map((id) => {
        const s = state.get(id)!;
        return {
          id,
          last_ping_at: s.lastPingAt,
          kind: s.lastPingKind,
          run_started_at: s.runStartedAt,
          deadline_at: s.paused ? null : s.deadlineAt,
          status: s.status,
          failures: s.consecutiveFailures,
        };
      });
      await tx.execute(sql`
        update monitors m set last_ping_at = v.last_ping_at, last_ping_kind = v.kind, run_started_at = v.run_started_at,
          deadline_at = v.deadline_at, status = v.status, consecutive_failures = v.failures
        from jsonb_to_recordset(${JSON.stringify(updates)}::jsonb)
          as v(id uuid, last_ping_at timestamptz, kind text, run_started_at timestamptz, deadline_at timestamptz, status text, failures int)
        where m.id = v.id`);
    }
    for (const [id, s] of state) if (s.status !== statusBefore.get(id)) statusChanged.push(id);
    return { stored: values.length, skipped: entries.length - fresh.length };
  });
  // After the commit: status pages listing these monitors drop their copies (lib/status-pages/change-feed.ts).
  void announceMonitorStatusChange(statusChanged);
  return result;
}

/**
 * A success brings the monitor up (resolving its incident) and clears the count of failures; a failure
 * is counted and brings it down (opening an incident) once failureThreshold runs in a row have failed.
 */
async function applyOutcome(tx: Tx, s: State, p: StreamPing, at: Date): Promise<void> {
  if (p.kind === "success") {
    if (s.status === "down") await resolveIncident(tx as unknown as Db, { monitorId: s.id, resolvedAt: at });
    s.status = "up";
    s.consecutiveFailures = 0;
    return;
  }
  // Under maintenance a failure opens nothing and the monitor keeps its status (lib/maintenance).
  if (underMaintenance(s, at)) return;
  s.consecutiveFailures++;
  if (s.status !== "down" && s.consecutiveFailures < s.failureThreshold) return;
  if (s.status !== "down") {
    await openIncident(tx as unknown as Db, {
      workspaceId: s.workspaceId,
      monitorId: s.id,
      cause: failCause(p),
      regions: [],
      startedAt: at,
      errorClass: "fail",
      details: { heartbeat: "fail", exitCode: p.exitCode, body: p.body?.slice(0, 1000) ?? null },
    });
  }
  s.status = "down";
}

export function cmpStreamId(a: string, b: string): number {
  const [am, as] = a.split("-").map(Number);
  const [bm, bs] = b.split("-").map(Number);
  return am - bm || as - bs;
}
