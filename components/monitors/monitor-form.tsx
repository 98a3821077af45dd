"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { Field, Input, Select } from "@/components/ui/field";
import type { MonitorFormState, MonitorFormValues } from "@/lib/monitors/form";
import { REMINDER_CHOICES } from "@/lib/monitors/reminders";
import { Choice } from "./choice";
import { KIND_FORMS, kindForm } from "./kinds/registry";

type Props = {
  action: (prev: MonitorFormState, data: FormData) => Promise<MonitorFormState>;
  initial: MonitorFormValues;
  mode: "create" | "edit";
  regions: string[];
  minInterval: number;
};

/** One form for every monitor kind, create and edit (each kind brings its section); messages come from the shared zod schema via the action. */
export function MonitorForm({ action, initial, mode, regions, minInterval }: Props) {
  const [state, formAction, pending] = useActionState(action, { attempt: 0 });
  const values = state.values ?? initial;
  const fields = state.fields ?? {};
  const [type, setType] = useState(initial.type);
  const kind = kindForm(type);

  return (
    // Remount on each refused submit so the inputs show what was sent (React resets forms after an action).
    <form key={state.attempt} action={formAction} noValidate className="space-y-6" data-testid="monitor-form">
      {state.message && <Alert>{state.message}</Alert>}
      {fields._ && <Alert>{fields._}</Alert>}
      <Card className="space-y-5 p-6">
        {mode === "create" ? (
          <Choice
            name="type"
            legend="Monitor type"
            value={type}
            onChange={setType}
            options={KIND_FORMS.map((k) => ({ value: k.type as MonitorFormValues["type"], label: k.label, hint: k.hint }))}
          />
        ) : (
          <input type="hidden" name="type" value={type} />
        )}
        {fields.type && <Alert>{fields.type}</Alert>}
        <Field label="Name" name="name" error={fields.name} hint="Up to 100 characters.">
          <Input name="name" defaultValue={values.name} placeholder={kind.placeholder} invalid={!!fields.name} autoFocus={mode === "create"} />
        </Field>
        <kind.Fields key={kind.type} values={values} fields={fields} regions={regions} minInterval={minInterval} />
        <Field
          label="Remind while down"
          name="remindEveryMinutes"
          error={fields.remindEveryMinutes}
          hint="Repeats the alert while the incident is open and nobody has acknowledged it."
        >
          <Select
            id="remindEveryMinutes"
            name="remindEveryMinutes"
            defaultValue={values.remindEveryMinutes}
            invalid={!!fields.remindEveryMinutes}
            data-testid="remind-every"
          >
            {REMINDER_CHOICES.map((c) => (
              <option key={c.label} value={c.minutes ?? ""}>
                {c.label}
              </option>
            ))}
            {/* A value set through the API that the list doesn't offer stays selectable, so saving keeps it. */}
            {values.remindEveryMinutes !== "" && !REMINDER_CHOICES.some((c) => String(c.minutes) === values.remindEveryMinutes) && (
              <option value={values.remindEveryMinutes}>Every {values.remindEveryMinutes} minutes</option>
            )}
          </Select>
        </Field>
      </Card>
      <div className="flex items-center justify-end gap-3">
        <Link href="/monitors" className={buttonClass("ghost")}>
          Cancel
        </Link>
        <Button type="submit" disabled={pending}>
          {pending ? "Saving…" : mode === "create" ? "Create monitor" : "Save changes"}
        </Button>
      </div>
    </form>
  );
}
