"use client";

import { useActionState, useEffect, useRef, useState } from "react";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";

type State = { attempt: number; fields?: Record<string, string>; message?: string; ok?: boolean; values?: { target: string; monitorIds: string[] } };

/** Add an email channel: for every monitor, or only the ones ticked. */
export function AddChannelForm({ action, monitors }: { action: (prev: State, form: FormData) => Promise<State>; monitors: { id: string; name: string; type: string }[] }) {
  const [state, formAction, pending] = useActionState(action, { attempt: 0 });
  const [scope, setScope] = useState<"all" | "some">(state.values?.monitorIds.length ? "some" : "all");
  const formRef = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.ok) {
      formRef.current?.reset();
      setScope("all");
    }
  }, [state]);
  return (
    <form ref={formRef} action={formAction} className="space-y-4" data-testid="add-channel-form" noValidate>
      {state.message && !state.ok && <Alert>{state.message}</Alert>}
      {state.ok && <Alert tone="success">Channel added.</Alert>}
      <Field label="Email address" name="target" error={state.fields?.target}>
        <Input name="target" type="email" autoComplete="email" placeholder="oncall@example.com" defaultValue={state.values?.target} invalid={!!state.fields?.target} required key={`t-${state.attempt}`} />
      </Field>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Alerts for</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="scope" value="all" checked={scope === "all"} onChange={() => setScope("all")} /> All monitors
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="scope" value="some" checked={scope === "some"} onChange={() => setScope("some")} disabled={monitors.length === 0} /> Chosen monitors
          </label>
        </div>
        {scope === "some" && (
          <div className="max-h-48 space-y-1 overflow-y-auto rounded-md p-3 ring-1 ring-slate-200 dark:ring-slate-800">
            {monitors.map((m) => (
              <label key={m.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="monitorIds" value={m.id} defaultChecked={state.values?.monitorIds.includes(m.id)} />
                {m.name} <span className="text-xs text-slate-500">{m.type}</span>
              </label>
            ))}
          </div>
        )}
        {state.fields?.monitorIds && <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">{state.fields.monitorIds}</p>}
      </fieldset>
      <Button type="submit" disabled={pending} data-testid="add-channel-submit">
        {pending ? "Adding…" : "Add channel"}
      </Button>
    </form>
  );
}
