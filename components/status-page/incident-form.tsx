"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field, Input, Select, Textarea } from "@/components/ui/field";
import type { LinkableIncident } from "@/lib/status-pages/incidents/references";
import { LinkableCheckboxes } from "./link-incidents-form";

export type IncidentFormValues = { title: string; impact: string; status: string; message: string; monitorIds: string[]; linkedIncidentIds?: string[] };
export type IncidentFormState = { attempt: number; values: IncidentFormValues; message?: string; fields?: Record<string, string>; done?: boolean };

const STATUSES = ["investigating", "identified", "monitoring", "resolved"];

/** Post an incident (with title, impact, services) or, given `update`, add an update to one. */
export function IncidentForm({
  action,
  services,
  update = false,
  initialStatus = "investigating",
  linkable = [],
}: {
  action: (prev: IncidentFormState, form: FormData) => Promise<IncidentFormState>;
  services: { monitorId: string; displayName: string }[];
  /** The page's automatic incidents that a new incident can explain (post form only). */
  linkable?: LinkableIncident[];
  update?: boolean;
  initialStatus?: string;
}) {
  const initial: IncidentFormState = { attempt: 0, values: { title: "", impact: "minor", status: initialStatus, message: "", monitorIds: [] } };
  const [state, formAction, pending] = useActionState(action, initial);
  const v = state.values;
  const f = state.fields ?? {};
  const p = update ? "update-" : "incident-";
  return (
    <form action={formAction} key={state.attempt} className="space-y-4" data-testid={update ? "incident-update-form" : "incident-form"}>
      {state.message && <Alert>{state.message}</Alert>}
      {state.done && <Alert tone="success">{update ? "Update posted." : "Incident posted."}</Alert>}
      {!update && (
        <>
          <Field label="Title" name={`${p}title`} error={f.title}>
            <Input id={`${p}title`} name="title" defaultValue={v.title} required maxLength={200} invalid={!!f.title} />
          </Field>
          <Field label="Impact" name={`${p}impact`} error={f.impact}>
            <Select id={`${p}impact`} name="impact" defaultValue={v.impact}>
              {["none", "minor", "major", "critical"].map((x) => (
                <option key={x} value={x}>
                  {x}
                </option>
              ))}
            </Select>
          </Field>
          {services.length > 0 && (
            <fieldset>
              <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Affected services</legend>
              <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
                {services.map((s) => (
                  <label key={s.monitorId} className="flex items-center gap-2 text-sm">
                    <input type="checkbox" name="monitorIds" value={s.monitorId} defaultChecked={v.monitorIds.includes(s.monitorId)} />
                    {s.displayName}
                  </label>
                ))}
              </div>
            </fieldset>
          )}
          {linkable.length > 0 && (
            <LinkableCheckboxes
              linkable={linkable}
              checked={v.linkedIncidentIds ?? []}
              error={Object.entries(f).find(([k]) => k.startsWith("linkedIncidentIds"))?.[1]}
            />
          )}
        </>
      )}
      <Field label="Status" name={`${p}status`} error={f.status}>
        <Select id={`${p}status`} name="status" defaultValue={v.status}>
          {STATUSES.map((x) => (
            <option key={x} value={x}>
              {x}
            </option>
          ))}
        </Select>
      </Field>
      <Field
        label="Message"
        name={`${p}message`}
        error={f.message}
        hint="Paragraphs, - lists and [links](https://…). Shown on the page and emailed to subscribers."
      >
        <Textarea id={`${p}message`} name="message" defaultValue={v.message} rows={4} required className="font-sans" invalid={!!f.message} />
      </Field>
      <Button type="submit" disabled={pending}>
        {pending ? "Posting…" : update ? "Post update" : "Post incident"}
      </Button>
    </form>
  );
}
