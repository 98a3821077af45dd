"use client";

import { useActionState, useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { controlClass, Field, Input, Select, Textarea } from "@/components/ui/field";
import { BrandingFields, DEFAULT_BRANDING, type BrandingFormValues } from "./branding-fields";

export type StatusPageFormValues = {
  slug: string;
  title: string;
  description: string;
  monitors: { monitorId: string; displayName: string; groupName: string }[];
  branding?: BrandingFormValues;
};
export type StatusPageFormState = { attempt: number; values?: StatusPageFormValues; fields?: Record<string, string>; message?: string };

/** Status page editor: slug, title, description and the listed monitors (display name, group, order). */
export function StatusPageForm({
  action,
  initial,
  monitors,
  submitLabel,
}: {
  action: (prev: StatusPageFormState, form: FormData) => Promise<StatusPageFormState>;
  initial: StatusPageFormValues;
  monitors: { id: string; name: string }[];
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, { attempt: 0 });
  const values = state.values ?? initial;
  const [rows, setRows] = useState(values.monitors);
  const [pick, setPick] = useState("");
  const f = state.fields ?? {};
  const names = new Map(monitors.map((m) => [m.id, m.name]));
  const available = monitors.filter((m) => !rows.some((r) => r.monitorId === m.id));

  const update = (i: number, patch: Partial<StatusPageFormValues["monitors"][number]>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const move = (i: number, d: -1 | 1) => {
    const next = [...rows];
    [next[i], next[i + d]] = [next[i + d], next[i]];
    setRows(next);
  };
  const add = () => {
    if (!pick) return;
    setRows([...rows, { monitorId: pick, displayName: names.get(pick) ?? "", groupName: "" }]);
    setPick("");
  };

  return (
    <form action={formAction} className="space-y-6" noValidate data-testid="status-page-form">
      {state.message && <Alert>{state.message}</Alert>}
      <Card className="space-y-4 p-5">
        <Field label="Title" name="title" error={f.title}>
          <Input name="title" defaultValue={values.title} invalid={!!f.title} required key={`t-${state.attempt}`} placeholder="Acme status" />
        </Field>
        <Field label="Slug" name="slug" error={f.slug} hint="The public address: /status/<slug>. Lowercase letters, digits and dashes, 3–60 characters.">
          <Input
            name="slug"
            defaultValue={values.slug}
            invalid={!!f.slug}
            required
            key={`s-${state.attempt}`}
            placeholder="acme"
            autoCapitalize="none"
            spellCheck={false}
          />
        </Field>
        <Field label="Description" name="description" error={f.description} hint="Optional; shown under the title.">
          <Textarea name="description" defaultValue={values.description} rows={2} className="font-sans" key={`d-${state.attempt}`} />
        </Field>
      </Card>

      <BrandingFields key={`b-${state.attempt}`} initial={values.branding ?? DEFAULT_BRANDING} errors={f} attempt={state.attempt} title={values.title} />

      <Card className="space-y-4 p-5">
        <div>
          <h2 className="text-sm font-semibold">Monitors on this page</h2>
          <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
            Visitors see only the display name, status and uptime: never the URL or the monitor&apos;s own name.
          </p>
        </div>
        {f.monitors && (
          <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
            {f.monitors}
          </p>
        )}
        {rows.length === 0 ? (
          <p className="rounded-md border border-dashed border-slate-300 px-4 py-6 text-center text-sm text-slate-600 dark:border-slate-700 dark:text-slate-400">
            No monitors listed yet. Add one below.
          </p>
        ) : (
          <ol className="space-y-3" data-testid="listed-monitors">
            {rows.map((r, i) => {
              const err = f[`monitors.${i}.displayName`] ?? f[`monitors.${i}.monitorId`] ?? f[`monitors.${i}.groupName`];
              return (
                <li key={r.monitorId} className="rounded-lg p-3 ring-1 ring-slate-200 dark:ring-slate-800">
                  <p className="mb-2 text-xs text-slate-500 dark:text-slate-400">
                    {i + 1}. Monitor: <span className="font-medium text-slate-700 dark:text-slate-300">{names.get(r.monitorId) ?? "Unknown monitor"}</span>
                  </p>
                  <div className="grid gap-2 sm:grid-cols-[1fr_12rem_auto]">
                    <label className="sr-only" htmlFor={`dn-${i}`}>
                      Display name for {names.get(r.monitorId)}
                    </label>
                    <input
                      id={`dn-${i}`}
                      className={controlClass(!!err)}
                      value={r.displayName}
                      onChange={(e) => update(i, { displayName: e.target.value })}
                      placeholder="Display name"
                      aria-invalid={!!err || undefined}
                      data-testid={`display-name-${i}`}
                    />
                    <label className="sr-only" htmlFor={`gn-${i}`}>
                      Group for {names.get(r.monitorId)}
                    </label>
                    <input
                      id={`gn-${i}`}
                      className={controlClass()}
                      value={r.groupName}
                      onChange={(e) => update(i, { groupName: e.target.value })}
                      placeholder="Group (optional)"
                    />
                    <div className="flex gap-1">
                      <Button type="button" variant="ghost" onClick={() => move(i, -1)} disabled={i === 0} aria-label={`Move ${r.displayName || "monitor"} up`}>
                        ↑
                      </Button>
                      <Button
                        type="button"
                        variant="ghost"
                        onClick={() => move(i, 1)}
                        disabled={i === rows.length - 1}
                        aria-label={`Move ${r.displayName || "monitor"} down`}
                      >
                        ↓
                      </Button>
                      <Button
                        type="button"
                        variant="ghost"
                        onClick={() => setRows(rows.filter((_, j) => j !== i))}
                        aria-label={`Remove ${r.displayName || "monitor"}`}
                      >
                        Remove
                      </Button>
                    </div>
                  </div>
                  {err && (
                    <p role="alert" className="mt-1 text-xs font-medium text-red-600 dark:text-red-400">
                      {err}
                    </p>
                  )}
                </li>
              );
            })}
          </ol>
        )}
        <div className="flex flex-wrap items-end gap-2">
          <div className="min-w-0 flex-1">
            <label htmlFor="add-monitor" className="mb-1.5 block text-sm font-medium text-slate-700 dark:text-slate-300">
              Add a monitor
            </label>
            <Select id="add-monitor" name="add-monitor" value={pick} onChange={(e) => setPick(e.target.value)} disabled={available.length === 0}>
              <option value="">
                {monitors.length === 0 ? "No monitors yet: create one first" : available.length === 0 ? "Every monitor is listed" : "Choose a monitor…"}
              </option>
              {available.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </Select>
          </div>
          <Button type="button" variant="secondary" onClick={add} disabled={!pick} data-testid="add-monitor-button">
            Add
          </Button>
        </div>
      </Card>

      <input type="hidden" name="monitors" value={JSON.stringify(rows)} />
      <div className="flex items-center gap-3">
        <Button type="submit" disabled={pending} data-testid="save-status-page">
          {pending ? "Saving…" : submitLabel}
        </Button>
      </div>
    </form>
  );
}
