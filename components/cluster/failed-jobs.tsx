import Link from "next/link";
import { Card } from "@/components/ui/card";
import type { FailedCheckJob } from "@/lib/queue/inspect";
import { ago } from "./format";
import { RetryJobButton } from "./retry-job-button";

export function FailedJobs({ jobs }: { jobs: FailedCheckJob[] }) {
  if (jobs.length === 0) return <p className="text-sm text-slate-600 dark:text-slate-400">No failed check jobs.</p>;
  return (
    <Card className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="failed-jobs">
      {jobs.map((j) => (
        <div key={`${j.region}:${j.lane}:${j.id}`} className="flex flex-wrap items-center justify-between gap-3 px-4 py-3 text-sm">
          <div className="min-w-0">
            <div className="font-medium">
              {j.kind ?? "job"} in {j.region}
              {j.lane === "browser" && " (browser)"}
              {j.monitorId && (
                <>
                  {" · "}
                  <Link className="text-brand-700 underline dark:text-brand-100" href={`/monitors/${j.monitorId}`}>
                    monitor
                  </Link>
                </>
              )}
              <span className="ml-2 text-xs text-slate-500 dark:text-slate-400">
                {j.failedAt ? ago(j.failedAt) : ""} · {j.attempts} attempt{j.attempts === 1 ? "" : "s"}
              </span>
            </div>
            <div className="mt-0.5 break-words font-mono text-xs text-red-700 dark:text-red-300">{j.error}</div>
          </div>
          <RetryJobButton region={j.region} lane={j.lane} jobId={j.id} />
        </div>
      ))}
    </Card>
  );
}
