import { Alert, Card } from "@/components/ui/card";
import type { RegionHealth } from "@/lib/cluster/cluster-overview";
import { CHECK_LANES, type CheckLane } from "@/lib/queue/connection";
import { ms } from "./format";

const STATES = ["waiting", "active", "delayed", "failed", "completed"] as const;
const LANE_LABELS: Record<CheckLane, string> = { default: "Checks", browser: "Browser" };

/** Per region: counts of each of its queues (default and browser lanes), completed per minute of both (small bars), p95 schedule lag with a warning. */
export function RegionQueues({ regions }: { regions: RegionHealth[] }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {regions.map((r) => {
        const perMin = sumByMinute(r.queues.map((q) => q.completedPerMinute));
        const peak = Math.max(1, ...perMin);
        // Jobs, not checks: a job may hold a batch of checks (the checks figure comes from the workers).
        const last = perMin.at(-2) ?? perMin.at(-1) ?? 0; // the last complete minute
        return (
          <Card key={r.region} className="p-4" data-testid={`region-${r.region}`}>
            <div className="flex items-baseline justify-between">
              <h3 className="font-semibold">Region {r.region}</h3>
              <span className="text-xs text-slate-500 dark:text-slate-400">
                {r.liveInstances} live worker{r.liveInstances === 1 ? "" : "s"}
              </span>
            </div>
            {r.lagging && (
              <div className="mt-3">
                <Alert tone="error">
                  Falling behind: checks start {ms(r.lagP95Ms)} late (p95). Add workers in {r.region} or raise WORKER_CONCURRENCY.
                </Alert>
              </div>
            )}
            {r.liveInstances === 0 && (
              <div className="mt-3">
                <Alert tone="error">No live worker: checks from {r.region} are not running.</Alert>
              </div>
            )}
            {r.browserUnserved && (
              <div className="mt-3" data-testid={`browser-unserved-${r.region}`}>
                <Alert tone="error">Browser checks are waiting but no worker in {r.region} runs them: start one with WORKER_BROWSER=true.</Alert>
              </div>
            )}
            <table className="mt-3 w-full text-center text-sm">
              <thead>
                <tr className="text-xs text-slate-500 dark:text-slate-400">
                  <th className="text-left font-normal">
                    <span className="sr-only">Queue</span>
                  </th>
                  {STATES.map((k) => (
                    <th key={k} scope="col" className="font-normal">
                      {k}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {CHECK_LANES.map((lane) => {
                  const q = r.queues.find((x) => x.lane === lane);
                  return (
                    <tr key={lane} data-testid={`queue-${r.region}-${lane}`}>
                      <th scope="row" className="text-left text-xs font-medium text-slate-600 dark:text-slate-300" title={q?.queue}>
                        {LANE_LABELS[lane]}
                      </th>
                      {STATES.map((k) => (
                        <td key={k} className="font-mono">
                          {q ? q.counts[k] : "—"}
                        </td>
                      ))}
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <div className="mt-3 flex items-end justify-between gap-4 text-sm">
              <div>
                <div className="text-xs text-slate-500 dark:text-slate-400">Schedule lag p95</div>
                <div className={r.lagging ? "font-semibold text-red-600 dark:text-red-400" : "font-semibold"}>{ms(r.lagP95Ms)}</div>
              </div>
              <div className="flex-1">
                <div className="text-right text-xs text-slate-500 dark:text-slate-400">
                  {r.checksPerMinute} check{r.checksPerMinute === 1 ? "" : "s"} in the last minute
                  {perMin.length ? ` · ${last} jobs/min, last ${perMin.length} min` : ""}
                </div>
                <div className="mt-1 flex h-10 items-end gap-0.5" aria-label={`Queue jobs completed per minute in ${r.region}`} role="img">
                  {perMin.map((n, i) => (
                    <div key={i} className="flex-1 rounded-sm bg-brand-500/70" style={{ height: `${Math.max(2, (n / peak) * 100)}%` }} title={`${n} jobs`} />
                  ))}
                </div>
              </div>
            </div>
          </Card>
        );
      })}
    </div>
  );
}

/** Per-minute series of the region's lanes added up (each oldest first, of the same window). */
function sumByMinute(series: number[][]): number[] {
  const len = Math.max(0, ...series.map((s) => s.length));
  return Array.from({ length: len }, (_, i) => series.reduce((sum, s) => sum + (s[i - (len - s.length)] ?? 0), 0));
}
