import { Alert, Card } from "@/components/ui/card";
import type { RegionHealth } from "@/lib/cluster/cluster-overview";
import { ms } from "./format";

/** Per region: queue counts, completed per minute (small bars), p95 schedule lag with a warning. */
export function RegionQueues({ regions }: { regions: RegionHealth[] }) {
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {regions.map((r) => {
        const perMin = r.queue?.completedPerMinute ?? [];
        const peak = Math.max(1, ...perMin);
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
            <dl className="mt-3 grid grid-cols-5 gap-2 text-center text-sm">
              {(["waiting", "active", "delayed", "failed", "completed"] as const).map((k) => (
                <div key={k}>
                  <dt className="text-xs text-slate-500 dark:text-slate-400">{k}</dt>
                  <dd className="font-mono">{r.queue ? r.queue.counts[k] : "—"}</dd>
                </div>
              ))}
            </dl>
            <div className="mt-3 flex items-end justify-between gap-4 text-sm">
              <div>
                <div className="text-xs text-slate-500 dark:text-slate-400">Schedule lag p95</div>
                <div className={r.lagging ? "font-semibold text-red-600 dark:text-red-400" : "font-semibold"}>{ms(r.lagP95Ms)}</div>
              </div>
              <div className="flex-1">
                <div className="text-right text-xs text-slate-500 dark:text-slate-400">
                  {perMin.length ? `${last} checks/min · last ${perMin.length} min` : "Throughput shows after the first minute"}
                </div>
                <div className="mt-1 flex h-10 items-end gap-0.5" aria-label={`Checks completed per minute in ${r.region}`} role="img">
                  {perMin.map((n, i) => (
                    <div key={i} className="flex-1 rounded-sm bg-brand-500/70" style={{ height: `${Math.max(2, (n / peak) * 100)}%` }} title={`${n} checks`} />
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
