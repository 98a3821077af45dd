"use client";

import Link from "next/link";
import { useActionState, useState } from "react";
import { Button, buttonClass } from "@/components/ui/button";
import { Alert, Card } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import type { MonitorFormState, MonitorFormValues } from "@/lib/monitors/form";
import { Choice } from "./choice";
import { HeartbeatFields } from "./heartbeat-fields";
import { HttpFields } from "./http-fields";

type Props = {
  action: (prev: MonitorFormState, data: FormData) => Promise<MonitorFormState>;
  initial: MonitorFormValues;
  mode: "create" | "edit";
  regions: string[];
  minInterval: number;
};

/** One form for both monitor types, create and edit; messages come from the shared zod schema via the action. */
export function MonitorForm({ action, initial, mode, regions, minInterval }: Props) {
  const [state, formAction, pending] = useActionState(action, { attempt: 0 });
  const values = state.values ?? initial;
  const fields = state.fields ?? {};
  const [type, setType] = useState(initial.type);
  const [schedule, setSchedule] = useState(initial.schedule);

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
            options={[
              { value: "http", label: "HTTP", hint: "Vigil requests a URL on a schedule." },
              { value: "heartbeat", label: "Heartbeat", hint: "Your cron job or worker pings Vigil." },
            ]}
          />
        ) : (
          <input type="hidden" name="type" value={type} />
        )}
        {fields.type && <Alert>{fields.type}</Alert>}
        <Field label="Name" name="name" error={fields.name} hint="Up to 100 characters.">
          <Input name="name" defaultValue={values.name} placeholder={type === "http" ? "Marketing site" : "Nightly backup"} invalid={!!fields.name} autoFocus={mode === "create"} />
        </Field>
        {type === "http" ? (
          <HttpFields values={values} fields={fields} regions={regions} minInterval={minInterval} />
        ) : (
          <HeartbeatFields values={values} fields={fields} schedule={schedule} onSchedule={setSchedule} minInterval={minInterval} />
        )}
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
