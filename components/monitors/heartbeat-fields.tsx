import { Field, Input } from "@/components/ui/field";
import type { MonitorFormValues } from "@/lib/monitors/form";
import { Choice } from "./choice";

type Props = {
  values: MonitorFormValues;
  fields: Record<string, string>;
  schedule: "period" | "cron";
  onSchedule: (s: "period" | "cron") => void;
  minInterval: number;
};

export function HeartbeatFields({ values, fields, schedule, onSchedule, minInterval }: Props) {
  const e = (k: string) => fields[k];
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
    </div>
  );
}
