"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import type { LinkableIncident } from "@/lib/status-pages/incidents/references";
import { linkableLabel } from "./linkable-label";

export type LinkIncidentsState = { attempt: number; linked: string[]; message?: string; fields?: Record<string, string>; done?: boolean };

/** Checkboxes for the page's automatic incidents, named linkedIncidentIds (used inside the post form too). */
export function LinkableCheckboxes({ linkable, checked, error }: { linkable: LinkableIncident[]; checked: string[]; error?: string }) {
  return (
    <fieldset data-testid="linkable-incidents">
      <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Automatic incidents this explains</legend>
      <p className="text-xs text-slate-500">Shown under this incident on the page instead of on their own.</p>
      <div className="mt-1 space-y-1">
        {linkable.map((i) => (
          <label key={i.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name="linkedIncidentIds" value={i.id} defaultChecked={checked.includes(i.id)} />
            {linkableLabel(i)}
          </label>
        ))}
      </div>
      {error && <p className="mt-1 text-sm text-red-600 dark:text-red-400">{error}</p>}
    </fieldset>
  );
}

/** Links (or unlinks) automatic incidents to a posted one after it was posted. */
export function LinkIncidentsForm({
  action,
  linkable,
  linked,
}: {
  action: (prev: LinkIncidentsState, form: FormData) => Promise<LinkIncidentsState>;
  linkable: LinkableIncident[];
  linked: string[];
}) {
  const [state, formAction, pending] = useActionState(action, { attempt: 0, linked });
  const fieldError = Object.values(state.fields ?? {})[0];
  return (
    <form action={formAction} key={state.attempt} className="space-y-3" data-testid="link-incidents-form">
      {state.message && <Alert>{state.message}</Alert>}
      {state.done && <Alert tone="success">Links saved.</Alert>}
      <LinkableCheckboxes linkable={linkable} checked={state.linked} error={fieldError} />
      <Button type="submit" variant="secondary" disabled={pending}>
        {pending ? "Saving…" : "Save links"}
      </Button>
    </form>
  );
}
