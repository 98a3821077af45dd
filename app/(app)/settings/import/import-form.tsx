"use client";

import Link from "next/link";
import { useActionState } from "react";
import { CopyButton } from "@/components/monitors/copy-button";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { importUptimeKumaAction, type KumaImportState } from "./actions";

const TYPE_LABELS: Record<string, string> = { http: "HTTP", heartbeat: "Heartbeat", tcp: "TCP", dns: "DNS", browser: "Browser" };

export function KumaImportForm() {
  const [state, action, pending] = useActionState<KumaImportState, FormData>(importUptimeKumaAction, { attempt: 0 });
  const result = state.result;
  return (
    <div className="space-y-6">
      <form key={state.attempt} action={action} className="flex flex-wrap items-center gap-3" data-testid="kuma-import-form">
        <label className="sr-only" htmlFor="kuma-file">
          Uptime Kuma backup file
        </label>
        <input
          id="kuma-file"
          name="file"
          type="file"
          accept=".json,application/json"
          required
          className="block min-w-64 flex-1 text-sm text-slate-700 file:mr-3 file:rounded-md file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:text-sm file:font-medium file:text-slate-800 hover:file:bg-slate-200 dark:text-slate-300 dark:file:bg-slate-800 dark:file:text-slate-100"
        />
        <Button type="submit" disabled={pending}>
          {pending ? "Importing…" : "Import"}
        </Button>
      </form>

      {state.message && <Alert>{state.message}</Alert>}

      {result && (
        <div className="space-y-6" data-testid="kuma-import-result">
          <Alert tone={result.created > 0 ? "success" : "info"}>
            {result.created === 0 ? "No monitors were created" : `Created ${result.created} monitor${result.created === 1 ? "" : "s"}`}
            {state.fileName ? ` from ${state.fileName}` : ""}
            {result.skipped.length > 0 ? `; ${result.skipped.length} skipped (see below).` : "."}
          </Alert>

          {result.monitors.length > 0 && (
            <section aria-labelledby="kuma-created" className="space-y-2">
              <h2 id="kuma-created" className="text-base font-semibold">
                Created
              </h2>
              <ul className="divide-y divide-slate-200 rounded-lg ring-1 ring-slate-200 dark:divide-slate-800 dark:ring-slate-800" data-testid="kuma-created">
                {result.monitors.map((m) => (
                  <li key={m.id} className="space-y-1.5 px-4 py-3 text-sm">
                    <div className="flex flex-wrap items-center gap-2">
                      <Link href={`/monitors/${m.id}`} className="font-medium text-slate-900 hover:underline dark:text-slate-100">
                        {m.name}
                      </Link>
                      <Badge>{TYPE_LABELS[m.type] ?? m.type}</Badge>
                      {m.paused && <Badge tone="paused">paused</Badge>}
                    </div>
                    {m.pingUrl && (
                      <div className="flex flex-wrap items-center gap-2">
                        <span className="text-slate-600 dark:text-slate-400">New ping URL:</span>
                        <code className="min-w-0 break-all rounded bg-slate-100 px-2 py-1 font-mono text-xs dark:bg-slate-800" data-testid="kuma-ping-url">
                          {m.pingUrl}
                        </code>
                        <CopyButton text={m.pingUrl} label="Copy" />
                      </div>
                    )}
                    {m.notes?.map((n) => (
                      <p key={n} className="text-xs text-slate-500 dark:text-slate-400">
                        {n}
                      </p>
                    ))}
                  </li>
                ))}
              </ul>
            </section>
          )}

          {result.skipped.length > 0 && (
            <section aria-labelledby="kuma-skipped" className="space-y-2">
              <h2 id="kuma-skipped" className="text-base font-semibold">
                Not imported
              </h2>
              <table className="w-full text-left text-sm" data-testid="kuma-skipped">
                <thead className="text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th className="py-2 pr-4 font-medium">Kuma monitor</th>
                    <th className="py-2 font-medium">Why</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                  {result.skipped.map((s, i) => (
                    <tr key={`${i}-${s.name}`}>
                      <td className="py-2 pr-4 align-top font-medium">{s.name}</td>
                      <td className="py-2 text-slate-600 dark:text-slate-400">{s.reason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          )}
        </div>
      )}
    </div>
  );
}
