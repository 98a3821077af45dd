"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field, Input, Select, Textarea } from "@/components/ui/field";

export type MaintenanceFormValues = {
  title: string;
  description: string;
  monitorIds: string[];
  startsAt: string; // "YYYY-MM-DDTHH:MM" in UTC
  endsAt: string;
  repeat: "once" | "cron";
  cron: string;
  timezone: string;
  durationMinutes: string;
};
export type MaintenanceFormState = { attempt: number; values: MaintenanceFormValues; message?: string; fields?: Record<string, string> };

/** New or edit: one-off (start → end) or recurring (cron in a timezone, each lasting N minutes, between start and end). */
export function MaintenanceForm({
  action,
  initial,
  monitors,
  submitLabel,
}: {
  action: (prev: MaintenanceFormState, form: FormData) => Promise<MaintenanceFormState>;
  initial: MaintenanceFormValues;
  monitors: { id: string; name: string }[];
  submitLabel: string;
}) {
  const [state, formAction, pending] = useActionState(action, { attempt: 0, values: initial });
  const v = state.values;
  const f = state.fields ?? {};
  const monitorError = f.monitorIds ?? Object.entries(f).find(([k]) => k.startsWith("monitorIds."))?.[1];
  return (
    <form action={formAction} key={state.attempt} className="space-y-5" data-testid="maintenance-form">
      {state.message && <Alert>{state.message}</Alert>}
      <Field label="Title" name="title" error={f.title}>
        <Input name="title" defaultValue={v.title} required maxLength={120} invalid={!!f.title} />
      </Field>
      <Field label="Description (shown on status pages)" name="description" error={f.description}>
        <Textarea name="description" defaultValue={v.description} rows={3} className="font-sans" invalid={!!f.description} />
      </Field>
      <fieldset className="space-y-1.5">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Monitors</legend>
        <div className="max-h-56 space-y-1 overflow-y-auto rounded-md p-2 ring-1 ring-slate-300 dark:ring-slate-700">
          {monitors.length === 0 && <p className="text-sm text-slate-500">No monitors yet.</p>}
          {monitors.map((m) => (
            <label key={m.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name="monitorIds" value={m.id} defaultChecked={v.monitorIds.includes(m.id)} />
              {m.name}
            </label>
          ))}
        </div>
        {monitorError && (
          <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
            {monitorError}
          </p>
        )}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Starts (UTC)" name="startsAt" error={f.startsAt}>
          <Input type="datetime-local" name="startsAt" defaultValue={v.startsAt} required invalid={!!f.startsAt} />
        </Field>
        <Field label="Ends (UTC)" name="endsAt" error={f.endsAt} hint="For a recurring window: when the recurrence stops.">
          <Input type="datetime-local" name="endsAt" defaultValue={v.endsAt} required invalid={!!f.endsAt} />
        </Field>
      </div>
      <Field label="Repeats" name="repeat">
        <Select name="repeat" defaultValue={v.repeat}>
          <option value="once">Once (from start to end)</option>
          <option value="cron">On a schedule (cron)</option>
        </Select>
      </Field>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Cron" name="cron" error={f["recurrence.cron"]} hint="e.g. 0 2 * * 0 (Sundays 02:00)">
          <Input name="cron" defaultValue={v.cron} invalid={!!f["recurrence.cron"]} className="font-mono" />
        </Field>
        <Field label="Timezone" name="timezone" error={f["recurrence.timezone"]} hint="IANA name, e.g. Europe/Berlin">
          <Input name="timezone" defaultValue={v.timezone} invalid={!!f["recurrence.timezone"]} />
        </Field>
        <Field label="Each lasts (minutes)" name="durationMinutes" error={f["recurrence.durationMinutes"]}>
          <Input type="number" name="durationMinutes" min={1} defaultValue={v.durationMinutes} invalid={!!f["recurrence.durationMinutes"]} />
        </Field>
      </div>
      <Button type="submit" disabled={pending}>
        {pending ? "Saving…" : submitLabel}
      </Button>
    </form>
  );
}
