"use client";

import { useActionState } from "react";
import { retryJobAction, type RetryState } from "@/app/(app)/admin/cluster/actions";
import { Button } from "@/components/ui/button";
import type { CheckLane } from "@/lib/queue/connection";

export function RetryJobButton({ region, lane, jobId }: { region: string; lane: CheckLane; jobId: string }) {
  const [state, action, pending] = useActionState<RetryState, FormData>(retryJobAction, {});
  return (
    <form action={action} className="flex items-center justify-end gap-2">
      <input type="hidden" name="region" value={region} />
      <input type="hidden" name="lane" value={lane} />
      <input type="hidden" name="jobId" value={jobId} />
      {state.message && (
        <span
          role={state.ok ? "status" : "alert"}
          className={state.ok ? "text-xs text-emerald-700 dark:text-emerald-300" : "text-xs text-red-600 dark:text-red-400"}
        >
          {state.message}
        </span>
      )}
      <Button type="submit" variant="secondary" disabled={pending || state.ok} data-testid="retry-job">
        {pending ? "Retrying…" : "Retry"}
      </Button>
    </form>
  );
}
