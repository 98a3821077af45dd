"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";

/** Key/value rows posted as parallel headerName / headerValue fields. */
export function HeadersEditor({
  initial,
  error,
  legend = "Request headers",
  emptyText = "No custom headers. Vigil sends its own User-Agent unless you set one.",
}: {
  initial: { name: string; value: string }[];
  error?: string;
  legend?: string;
  emptyText?: string;
}) {
  const [rows, setRows] = useState(() => initial.map((h, i) => ({ ...h, key: i })));
  const [next, setNext] = useState(initial.length);
  const update = (key: number, patch: Partial<{ name: string; value: string }>) =>
    setRows((r) => r.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  return (
    <fieldset className="space-y-2" data-testid="headers-editor">
      <legend className="mb-1.5 block text-sm font-medium text-slate-700 dark:text-slate-300">{legend}</legend>
      {rows.length === 0 && <p className="text-xs text-slate-500 dark:text-slate-400">{emptyText}</p>}
      {rows.map((row, i) => (
        <div key={row.key} className="flex gap-2">
          <div className="w-2/5 shrink-0">
            <Input
              name="headerName"
              id={`headerName-${row.key}`}
              aria-label={`Header ${i + 1} name`}
              placeholder="Authorization"
              value={row.name}
              onChange={(e) => update(row.key, { name: e.target.value })}
              invalid={!!error}
              className="font-mono"
            />
          </div>
          <div className="min-w-0 flex-1">
            <Input
              name="headerValue"
              id={`headerValue-${row.key}`}
              aria-label={`Header ${i + 1} value`}
              placeholder="Bearer …"
              value={row.value}
              onChange={(e) => update(row.key, { value: e.target.value })}
              invalid={!!error}
              className="font-mono"
            />
          </div>
          <Button type="button" variant="ghost" aria-label={`Remove header ${i + 1}`} onClick={() => setRows((r) => r.filter((x) => x.key !== row.key))}>
            ✕
          </Button>
        </div>
      ))}
      {error && (
        <p id="headers-error" role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <Button
        type="button"
        variant="secondary"
        disabled={rows.length >= 20}
        onClick={() => {
          setRows((r) => [...r, { name: "", value: "", key: next }]);
          setNext((n) => n + 1);
        }}
      >
        Add header
      </Button>
    </fieldset>
  );
}
