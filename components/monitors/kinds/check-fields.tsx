import { Field, Input } from "@/components/ui/field";
import type { KindFieldsProps } from "./props";

type Props = Pick<KindFieldsProps, "values" | "fields">;

/** Interval and timeout: every checked kind (http, tcp, dns, …) shows these the same way. */
export function IntervalTimeout({ values, fields, minInterval }: Props & { minInterval: number }) {
  const e = (k: string) => fields[k];
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field label="Check interval (seconds)" name="intervalSeconds" error={e("intervalSeconds")} hint={`From ${minInterval} seconds to 1 day (86400).`}>
        <Input
          name="intervalSeconds"
          type="number"
          inputMode="numeric"
          min={minInterval}
          max={86400}
          defaultValue={values.intervalSeconds}
          invalid={!!e("intervalSeconds")}
        />
      </Field>
      <Field label="Timeout (seconds)" name="timeoutSeconds" error={e("timeoutSeconds")} hint="Shorter than the interval; empty = 10 s (or interval − 1).">
        <Input
          name="timeoutSeconds"
          type="number"
          inputMode="numeric"
          min={1}
          placeholder="10"
          defaultValue={values.timeoutSeconds}
          invalid={!!e("timeoutSeconds")}
        />
      </Field>
    </div>
  );
}

/** Regions and failure/recovery thresholds: shared by every checked kind. */
export function RegionsThresholds({ values, fields, regions }: Props & { regions: string[] }) {
  const e = (k: string) => fields[k];
  return (
    <>
      <fieldset>
        <legend className="mb-1.5 block text-sm font-medium text-slate-700 dark:text-slate-300">Regions</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          {regions.map((r) => (
            <label key={r} className="flex items-center gap-2">
              <input type="checkbox" name="regions" value={r} defaultChecked={values.regions.includes(r)} className="accent-brand-600" />
              <span className="font-mono">{r}</span>
            </label>
          ))}
        </div>
        <p
          className={`mt-1 text-xs ${e("regions") ? "font-medium text-red-600 dark:text-red-400" : "text-slate-500 dark:text-slate-400"}`}
          role={e("regions") ? "alert" : undefined}
        >
          {e("regions") ?? "None ticked = checked from every region."}
        </p>
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="Failure threshold" name="failureThreshold" error={e("failureThreshold")} hint="Failed checks in a row before an incident opens (1–10).">
          <Input name="failureThreshold" type="number" min={1} max={10} defaultValue={values.failureThreshold} invalid={!!e("failureThreshold")} />
        </Field>
        <Field label="Recovery threshold" name="recoveryThreshold" error={e("recoveryThreshold")} hint="Successful checks in a row before it resolves (1–10).">
          <Input name="recoveryThreshold" type="number" min={1} max={10} defaultValue={values.recoveryThreshold} invalid={!!e("recoveryThreshold")} />
        </Field>
      </div>
    </>
  );
}

/** A kind with no other advanced settings: regions and thresholds folded away, open when one of them is wrong. */
export function AdvancedRegionsThresholds({ values, fields, regions }: Props & { regions: string[] }) {
  return (
    <details
      open={["regions", "failureThreshold", "recoveryThreshold"].some((k) => fields[k])}
      className="rounded-lg ring-1 ring-slate-200 dark:ring-slate-800"
    >
      <summary className="cursor-pointer select-none px-4 py-3 text-sm font-medium text-slate-700 dark:text-slate-300">Advanced: regions, thresholds</summary>
      <div className="space-y-5 border-t border-slate-200 px-4 py-4 dark:border-slate-800">
        <RegionsThresholds values={values} fields={fields} regions={regions} />
      </div>
    </details>
  );
}
