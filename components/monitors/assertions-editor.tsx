"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { ASSERTION_SOURCES, MAX_ASSERTIONS, OP_LABELS, OPS_BY_SOURCE, SOURCE_LABELS, type AssertionOp, type AssertionSource } from "@/lib/checks/assertion-ops";
import type { AssertionRow } from "@/lib/monitors/kinds/http/form";

const PLACEHOLDER: Record<AssertionSource, { property: string; value: string }> = {
  status: { property: "", value: "200" },
  header: { property: "Content-Type", value: "application/json" },
  body: { property: "", value: "All systems operational" },
  json: { property: "$.status", value: "ok" },
  responseTime: { property: "", value: "800" },
};

const takesProperty = (s: string) => s === "header" || s === "json";

/**
 * Assertion rows posted as parallel assertionSource / assertionProperty / assertionOp / assertionValue
 * fields (like the headers editor). The op select only offers what fits the row's source; a row's
 * errors (assertions.N.field) show under it.
 */
export function AssertionsEditor({ initial, fields }: { initial: AssertionRow[]; fields: Record<string, string> }) {
  const [rows, setRows] = useState(() => initial.map((a, i) => ({ ...a, key: i })));
  const [next, setNext] = useState(initial.length);
  const update = (key: number, patch: Partial<AssertionRow>) => setRows((r) => r.map((row) => (row.key === key ? { ...row, ...patch } : row)));
  const listError = fields["assertions"];
  return (
    <fieldset className="space-y-2" data-testid="assertions-editor">
      <legend className="mb-1.5 block text-sm font-medium text-slate-700 dark:text-slate-300">Assertions</legend>
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Every assertion must hold on each check, or the check fails and names the one that didn&apos;t. JSON paths look like <code>$.status</code> or{" "}
        <code>$.items[0].name</code>.
      </p>
      {rows.map((row, i) => {
        const source = (ASSERTION_SOURCES as readonly string[]).includes(row.source) ? (row.source as AssertionSource) : "status";
        const ops = OPS_BY_SOURCE[source];
        const op = (ops as readonly string[]).includes(row.op) ? (row.op as AssertionOp) : ops[0]!;
        const err = (f: string) => fields[`assertions.${i}.${f}`];
        const rowErrors = [err("source"), err("property"), err("op"), err("value"), fields[`assertions.${i}`]].filter(Boolean);
        return (
          <div key={row.key} className="space-y-1" data-testid="assertion-row">
            <div className="flex flex-wrap gap-2 sm:flex-nowrap">
              <div className="w-full sm:w-40 sm:shrink-0">
                <Select
                  name="assertionSource"
                  id={`assertionSource-${row.key}`}
                  aria-label={`Assertion ${i + 1} source`}
                  value={source}
                  invalid={!!err("source")}
                  onChange={(e) => {
                    const s = e.target.value as AssertionSource;
                    update(row.key, {
                      source: s,
                      op: OPS_BY_SOURCE[s].includes(op) ? op : OPS_BY_SOURCE[s][0]!,
                      property: takesProperty(s) ? row.property : "",
                    });
                  }}
                >
                  {ASSERTION_SOURCES.map((s) => (
                    <option key={s} value={s}>
                      {SOURCE_LABELS[s]}
                    </option>
                  ))}
                </Select>
              </div>
              <div className="min-w-0 flex-1">
                {takesProperty(source) ? (
                  <Input
                    name="assertionProperty"
                    id={`assertionProperty-${row.key}`}
                    aria-label={`Assertion ${i + 1} ${source === "json" ? "JSONPath" : "header name"}`}
                    placeholder={PLACEHOLDER[source].property}
                    value={row.property}
                    onChange={(e) => update(row.key, { property: e.target.value })}
                    invalid={!!err("property")}
                    className="font-mono"
                  />
                ) : (
                  <input type="hidden" name="assertionProperty" value="" />
                )}
              </div>
              <div className="w-full sm:w-40 sm:shrink-0">
                <Select
                  name="assertionOp"
                  id={`assertionOp-${row.key}`}
                  aria-label={`Assertion ${i + 1} operator`}
                  value={op}
                  invalid={!!err("op")}
                  onChange={(e) => update(row.key, { op: e.target.value })}
                >
                  {ops.map((o) => (
                    <option key={o} value={o}>
                      {OP_LABELS[o]}
                    </option>
                  ))}
                </Select>
              </div>
              <div className="min-w-0 flex-1">
                {op === "exists" ? (
                  <input type="hidden" name="assertionValue" value="" />
                ) : (
                  <Input
                    name="assertionValue"
                    id={`assertionValue-${row.key}`}
                    aria-label={`Assertion ${i + 1} value`}
                    placeholder={op === "matches" ? "^ok$" : PLACEHOLDER[source].value}
                    inputMode={source === "status" || source === "responseTime" ? "numeric" : undefined}
                    value={row.value}
                    onChange={(e) => update(row.key, { value: e.target.value })}
                    invalid={!!err("value")}
                    className="font-mono"
                  />
                )}
              </div>
              <Button type="button" variant="ghost" aria-label={`Remove assertion ${i + 1}`} onClick={() => setRows((r) => r.filter((x) => x.key !== row.key))}>
                ✕
              </Button>
            </div>
            {rowErrors.map((m) => (
              <p key={m} role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
                Assertion {i + 1}: {m}
              </p>
            ))}
          </div>
        );
      })}
      {listError && (
        <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
          {listError}
        </p>
      )}
      <Button
        type="button"
        variant="secondary"
        disabled={rows.length >= MAX_ASSERTIONS}
        onClick={() => {
          setRows((r) => [...r, { source: "json", property: "", op: "eq", value: "", key: next }]);
          setNext((n) => n + 1);
        }}
      >
        Add assertion
      </Button>
    </fieldset>
  );
}
