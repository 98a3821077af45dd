import { SlidingWindow } from "./window";

export type CheckStatsSummary = {
  processed: number;
  failed: number;
  checksFailed: number;
  avgMs: number;
  p95Ms: number;
  lagP50Ms: number;
  lagP95Ms: number;
  perMinute: number;
};

/**
 * What a region's check worker has done: counters since start (for /metrics) and windows over the last
 * minute (durations, schedule lag = job start − planned slot). One per region per process.
 */
export class CheckStats {
  processed = 0; // jobs completed
  failed = 0; // jobs that threw (infrastructure trouble, not a down target)
  checksFailed = 0; // checks whose target failed
  readonly durations = new SlidingWindow();
  readonly lags = new SlidingWindow();
  // Cumulative duration histogram for Prometheus (seconds).
  static readonly BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
  readonly buckets = new Array<number>(CheckStats.BUCKETS.length).fill(0);
  durationSumMs = 0;

  constructor(readonly region: string) {}

  recordCheck(ok: boolean, durationMs: number, lagMs: number | null, now = Date.now()): void {
    this.processed++;
    if (!ok) this.checksFailed++;
    this.durations.add(durationMs, now);
    this.durationSumMs += durationMs;
    CheckStats.BUCKETS.forEach((b, i) => {
      if (durationMs / 1000 <= b) this.buckets[i]++;
    });
    if (lagMs !== null) this.lags.add(Math.max(0, lagMs), now);
  }

  recordJobError(): void {
    this.failed++;
  }

  summary(now = Date.now()): CheckStatsSummary {
    const d = this.durations.summary([95], now);
    const l = this.lags.summary([50, 95], now);
    const r = (v: number | null) => Math.round(v ?? 0);
    return {
      processed: this.processed,
      failed: this.failed,
      checksFailed: this.checksFailed,
      avgMs: r(d.mean),
      p95Ms: r(d.p[0]),
      lagP50Ms: r(l.p[0]),
      lagP95Ms: r(l.p[1]),
      perMinute: d.count,
    };
  }
}

const g = globalThis as unknown as { __vigilCheckStats?: Map<string, CheckStats> };

/** The process's stats for a region (shared by the checks, cluster and metrics modules). */
export function checkStatsFor(region: string): CheckStats {
  g.__vigilCheckStats ??= new Map();
  let s = g.__vigilCheckStats.get(region);
  if (!s) g.__vigilCheckStats.set(region, (s = new CheckStats(region)));
  return s;
}

export function allCheckStats(): CheckStats[] {
  return [...(g.__vigilCheckStats?.values() ?? [])];
}
