"use client";

import Link from "next/link";
import { useActionState, useRef, useState } from "react";
import { HeadersEditor } from "@/components/monitors/headers-editor";
import { Button, buttonClass } from "@/components/ui/button";
import { Alert } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import type { ChannelFormState, ChannelFormValues } from "@/lib/alerts/channels/form";
import type { AlertChannelType } from "@/lib/db/schema/enums";
import type { ChannelTypeInfo } from "./channel-type-info";

type Props = {
  action: (prev: ChannelFormState, form: FormData) => Promise<ChannelFormState>;
  types: ChannelTypeInfo[];
  monitors: { id: string; name: string; type: string }[];
  /** Editing: the channel's values and which secrets it has (names only). */
  initial?: ChannelFormValues;
  secretsSet?: string[];
};

const EMPTY: ChannelFormValues = { type: "email", name: "", target: "", scope: "all", monitorIds: [], headers: [] };

/** Add or edit a channel of any type: the fields follow the chosen type (target label, secrets, headers). */
export function ChannelForm({ action, types, monitors, initial, secretsSet = [] }: Props) {
  const editing = !!initial;
  const [state, formAction, pending] = useActionState(action, { attempt: 0 });
  const values = state.values ?? initial ?? EMPTY;
  const [type, setType] = useState<AlertChannelType>(values.type);
  const [scope, setScope] = useState<"all" | "some">(values.scope);
  const formRef = useRef<HTMLFormElement>(null);
  // A saved new channel resets the scope for the next one; adjusted during render when the action's
  // state changes (React's pattern for state that follows a prop), not in an effect.
  const [handled, setHandled] = useState(state);
  if (handled !== state) {
    setHandled(state);
    if (state.ok && !editing) setScope("all");
  }
  const info = types.find((t) => t.type === type) ?? types[0];
  const f = state.fields ?? {};
  // Remount the inputs after each refused submit so they show the echoed values.
  const k = `${state.attempt}-${type}`;
  return (
    // Keyed on the attempt: React resets a form after its action, which would put the controlled type
    // select and scope radios back to their first option while the state still says otherwise.
    <form key={state.attempt} ref={formRef} action={formAction} className="space-y-4" data-testid="channel-form" noValidate>
      {state.message && !state.ok && <Alert>{state.message}</Alert>}
      {state.ok && <Alert tone="success">Channel added.</Alert>}
      <Field label="Type" name="type" error={f.type}>
        <input type="hidden" name="type" value={type} />
        {editing ? (
          <p className="text-sm text-slate-700 dark:text-slate-300">{info.label}</p>
        ) : (
          <Select id="type" value={type} onChange={(e) => setType(e.target.value as AlertChannelType)} data-testid="channel-type">
            {types.map((t) => (
              <option key={t.type} value={t.type}>
                {t.label}
              </option>
            ))}
          </Select>
        )}
      </Field>
      <Field label="Name" name="name" error={f.name} hint="Optional: how this channel is shown in Vigil.">
        <Input
          id="name"
          name="name"
          defaultValue={values.name}
          placeholder={`${info.label} for the on-call team`}
          invalid={!!f.name}
          maxLength={100}
          key={`n-${k}`}
        />
      </Field>
      {info.hasTarget && (
        <Field
          label={info.targetLabel}
          name="target"
          error={f.target}
          hint={type === "email" && !editing ? "Addresses that aren't a member's get a confirmation link first." : undefined}
        >
          <Input
            id="target"
            name="target"
            type={type === "email" ? "email" : "text"}
            defaultValue={values.type === type ? values.target : ""}
            placeholder={info.targetPlaceholder}
            invalid={!!f.target}
            className={type === "email" ? undefined : "font-mono"}
            key={`t-${k}`}
            data-testid="channel-target-input"
          />
        </Field>
      )}
      {info.secrets.map((s) => {
        const set = editing && secretsSet.includes(s.name);
        const err = f[`secrets.${s.name}`] ?? (f.secrets && s === info.secrets[0] ? f.secrets : undefined);
        return (
          <Field key={`${s.name}-${k}`} label={s.label} name={`secret.${s.name}`} error={err} hint={set ? "Set — leave empty to keep it." : s.hint}>
            <Input
              id={`secret.${s.name}`}
              name={`secret.${s.name}`}
              type="password"
              autoComplete="new-password"
              placeholder={set ? "•••••••• (set)" : s.required ? "required" : "optional"}
              invalid={!!err}
              className="font-mono"
            />
            {set && !s.required && (
              <label className="mt-1 flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
                <input type="checkbox" name={`clearSecret.${s.name}`} /> Remove the stored {s.label.toLowerCase()}
              </label>
            )}
          </Field>
        );
      })}
      {info.hasHeaders && (
        <HeadersEditor
          key={`h-${k}`}
          initial={values.headers}
          error={f["config.headers"] ?? f.config}
          legend="Custom headers"
          emptyText="No custom headers. Vigil sets Content-Type, User-Agent and the Vigil-* headers itself."
        />
      )}
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700 dark:text-slate-300">Alerts for</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="scope" value="all" checked={scope === "all"} onChange={() => setScope("all")} /> All monitors
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="scope" value="some" checked={scope === "some"} onChange={() => setScope("some")} disabled={monitors.length === 0} />{" "}
            Chosen monitors
          </label>
        </div>
        {scope === "some" && (
          <div className="max-h-48 space-y-1 overflow-y-auto rounded-md p-3 ring-1 ring-slate-200 dark:ring-slate-800">
            {monitors.map((m) => (
              <label key={m.id} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="monitorIds" value={m.id} defaultChecked={values.monitorIds.includes(m.id)} />
                {m.name} <span className="text-xs text-slate-500">{m.type}</span>
              </label>
            ))}
          </div>
        )}
        {f.monitorIds && (
          <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
            {f.monitorIds}
          </p>
        )}
      </fieldset>
      <div className="flex items-center gap-2">
        <Button type="submit" disabled={pending} data-testid="channel-submit">
          {pending ? "Saving…" : editing ? "Save channel" : "Add channel"}
        </Button>
        {editing && (
          <Link href="/alerts" className={buttonClass("ghost")}>
            Cancel
          </Link>
        )}
      </div>
    </form>
  );
}
