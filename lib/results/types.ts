import type { CheckErrorClass, Monitor } from "../db/schema";

/**
 * What a check run produces (the shape of lib/checks' HttpCheckResult, restated structurally so the
 * result pipeline depends on the data, not on the engine's module).
 */
export type CheckRunResult = {
  ok: boolean;
  startedAt: Date;
  statusCode: number | null;
  latencyMs: number | null;
  timings: { dnsMs: number | null; connectMs: number | null; tlsMs: number | null; ttfbMs: number | null; totalMs: number | null };
  errorClass: CheckErrorClass | null;
  error: string | null;
  tlsExpiresAt: Date | null;
  remoteAddress?: string | null;
  responseHeaders?: string | null;
  bodySnippet?: string | null;
  /** What the kind keeps with the result (DNS answers, a failed assertion's expected/actual), ≤ 8 KiB as JSON. */
  detail?: Record<string, unknown> | null;
  /** A browser check's JPEG of the failing page, stored apart (lib/results/screenshots.ts). */
  screenshot?: Buffer | null;
};

/**
 * The phases a check may time, in the order they happen (check_results' dns_ms, connect_ms, tls_ms,
 * ttfb_ms). A kind declares the ones its checks record (MonitorKind.timings); the monitor page charts those.
 */
export const TIMING_PHASES = ["dns", "connect", "tls", "ttfb"] as const;
export type TimingPhase = (typeof TIMING_PHASES)[number];

/** Runs one check of a monitor from a region. */
export type CheckRunner = (monitor: Monitor, region: string) => Promise<CheckRunResult>;

/** One row for the batched writer. */
export type CheckRecord = {
  monitorId: string;
  region: string;
  scheduledAt: Date | null;
  result: CheckRunResult;
  // Short failure text kept in monitor_region_state for incident causes: "HTTP 503", "Timed out after 10 s".
  summary: string | null;
};

/** What the database says after the row was written. */
export type WriteOutcome = {
  checkId: number | null;
  monitorStatus: string | null;
  consecutiveFailures: number | null;
  consecutiveSuccesses: number | null;
  /** The TLS certificate crossed an expiry threshold not yet alerted (lib/alerts/certificate-expiry.ts). */
  certificateDue?: { workspaceId: string; expiresAt: Date; thresholdDays: number } | null;
};
