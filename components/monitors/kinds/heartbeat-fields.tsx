"use client";

import { useState } from "react";
import { Field, Input } from "@/components/ui/field";
import { Choice } from "../choice";
import type { KindFieldsProps } from "./props";

export function HeartbeatFields({ values, fields, minInterval }: KindFieldsProps) {
  const e = (k: string) => fields[k];
  const [schedule, onSchedule] = useState(values.schedule);
  return (
    <div className="space-y-5" data-testid="heartbeat-fields">
      <Choice
        name="schedule"
        legend="Schedule"
        value={schedule}
        onChange={onSchedule}
        options={[
          { value: "period", label: "Every N seconds", hint: "The job pings at a fixed period." },
          { value: "cron", label: "Cron expression", hint: "The job runs on a cron schedule." },
        ]}
      />
      {schedule === "period" ? (
        <Field label="Period (seconds)" name="periodSeconds" error={e("periodSeconds")} hint="How often the job pings, e.g. 3600 for hourly.">
          <Input name="periodSeconds" type="number" inputMode="numeric" min={minInterval} defaultValue={values.periodSeconds} invalid={!!e("periodSeconds")} />
        </Field>
      ) : (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label="Cron expression" name="cron" error={e("cron") ?? e("periodSeconds")} hint="Five fields: minute hour day month weekday, e.g. 0 3 * * *.">
            <Input name="cron" placeholder="0 3 * * *" defaultValue={values.cron} className="font-mono" invalid={!!e("cron")} />
          </Field>
          <Field label="Timezone" name="timezone" error={e("timezone")} hint="IANA name, e.g. Europe/Berlin.">
            <Input name="timezone" placeholder="UTC" defaultValue={values.timezone} invalid={!!e("timezone")} />
          </Field>
        </div>
      )}
      <Field label="Grace (seconds)" name="graceSeconds" error={e("graceSeconds")} hint="How late a ping may be before the monitor goes down.">
        <Input name="graceSeconds" type="number" inputMode="numeric" min={minInterval} defaultValue={values.graceSeconds} invalid={!!e("graceSeconds")} />
      </Field>
      <Field
        label="Failure threshold"
        name="failureThreshold"
        error={e("failureThreshold")}
        hint="Missed or failed runs in a row before an incident opens (1–10), so a job that fails once and retries pages nobody."
      >
        <Input name="failureThreshold" type="number" min={1} max={10} defaultValue={values.failureThreshold} invalid={!!e("failureThreshold")} />
      </Field>
    </div>
  );
}
