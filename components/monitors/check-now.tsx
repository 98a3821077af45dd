"use client";

import { useState, useTransition } from "react";
import { checkNowAction, type CheckNowState } from "@/app/(app)/monitors/actions";
import { Button } from "@/components/ui/button";

/** The monitor page's "Check now": one check in every region at once; the results show beside the button. */
export function CheckNowButton({ id }: { id: string }) {
  const [pending, start] = useTransition();
  const [state, setState] = useState<CheckNowState | null>(null);
  return (
    <div className="relative">
      <Button
        type="button"
        variant="secondary"
        disabled={pending}
        onClick={() => start(async () => setState(await checkNowAction(id)))}
        data-testid="check-now"
        title="Run one check in every region of this monitor now"
      >
        {pending ? "Checking…" : "Check now"}
      </Button>
      {state && !pending && (
        <div
          role="status"
          data-testid="check-now-result"
          className="absolute right-0 z-10 mt-2 w-80 rounded-lg bg-white p-3 text-sm shadow-lg ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-700"
        >
          <div className="mb-1 flex items-center justify-between">
            <span className="font-medium">Check now</span>
            <button type="button" className="text-xs text-slate-500 hover:underline" onClick={() => setState(null)}>
              Close
            </button>
          </div>
          {state.message && <p className="text-red-700 dark:text-red-400">{state.message}</p>}
          <ul className="space-y-1.5">
            {state.results?.map((r) => (
              <li key={r.region}>
                <span className="font-mono text-xs">{r.region}</span>{" "}
                {r.ok ? (
                  <span className="font-medium text-emerald-700 dark:text-emerald-400">up</span>
                ) : (
                  <span className="font-medium text-red-700 dark:text-red-400">down</span>
                )}
                {r.latencyMs !== null && <span className="text-slate-500"> · {r.latencyMs} ms</span>}
                {r.error && <span className="block text-xs text-red-700 dark:text-red-400">{r.error}</span>}
                {r.answers && (
                  <code className="block truncate text-xs text-slate-500" title={r.answers.join("\n")}>
                    {r.answers.join(", ") || "no answer"}
                  </code>
                )}
              </li>
            ))}
            {state.pending?.map((region) => (
              <li key={region} className="text-slate-500">
                <span className="font-mono text-xs">{region}</span> no result yet (is a worker for this region running?)
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
