"use client";

import type { ApiKey } from "@/lib/db/schema";
import { revokeApiKeyAction } from "@/app/(app)/settings/actions";
import { ConfirmButton } from "@/components/monitors/confirm-dialog";
import { DANGER_ACTION } from "@/components/monitors/action-styles";
import { Badge } from "@/components/ui/badge";

const TH = "px-4 py-2.5 text-left text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400";
const TD = "px-4 py-3";
const fmt = (d: Date | null) => (d ? d.toISOString().slice(0, 16).replace("T", " ") + " UTC" : "Never");

type KeyRow = Pick<ApiKey, "id" | "name" | "prefix" | "createdAt" | "lastUsedAt" | "revokedAt">;

export function ApiKeyList({ keys }: { keys: KeyRow[] }) {
  if (keys.length === 0) return <p className="px-4 py-6 text-sm text-slate-600 dark:text-slate-400">No API keys yet.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full divide-y divide-slate-200 text-sm dark:divide-slate-800" data-testid="api-key-table">
        <thead>
          <tr>
            <th className={TH}>Name</th>
            <th className={TH}>Key</th>
            <th className={TH}>Created</th>
            <th className={TH}>Last used</th>
            <th className={TH}>Status</th>
            <th className={TH}>
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {keys.map((k) => (
            <tr key={k.id} data-testid="api-key-row" data-key-prefix={k.prefix}>
              <td className={`${TD} max-w-56 truncate font-medium`}>{k.name}</td>
              <td className={`${TD} font-mono text-xs text-slate-600 dark:text-slate-400`}>{k.prefix}…</td>
              <td className={`${TD} whitespace-nowrap text-slate-600 dark:text-slate-400`}>{fmt(k.createdAt)}</td>
              <td className={`${TD} whitespace-nowrap text-slate-600 dark:text-slate-400`}>{fmt(k.lastUsedAt)}</td>
              <td className={TD}>{k.revokedAt ? <Badge tone="paused">Revoked {fmt(k.revokedAt).slice(0, 10)}</Badge> : <Badge tone="up">Active</Badge>}</td>
              <td className={`${TD} text-right`}>
                {!k.revokedAt && (
                  <ConfirmButton
                    label="Revoke"
                    title="Revoke this API key?"
                    body={
                      <>
                        Scripts using <strong className="font-medium">{k.name}</strong> ({k.prefix}…) will get 401 Unauthorized from now on. This can&apos;t be
                        undone.
                      </>
                    }
                    confirmLabel="Revoke key"
                    onConfirm={() => revokeApiKeyAction(k.id)}
                    testId="revoke-api-key"
                    triggerClassName={DANGER_ACTION}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
