import { Field, Input } from "@/components/ui/field";
import { AdvancedRegionsThresholds, IntervalTimeout } from "./check-fields";
import type { KindFieldsProps } from "./props";

export function BrowserFields({ values, fields, regions, minInterval }: KindFieldsProps) {
  const e = (k: string) => fields[k];
  return (
    <div className="space-y-5" data-testid="browser-fields">
      <Field label="URL" name="url" error={e("url")} hint="The page a real Chromium loads on every check.">
        <Input name="url" type="url" inputMode="url" placeholder="https://example.com/login" defaultValue={values.url} invalid={!!e("url")} />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field
          label="Wait for selector"
          name="waitForSelector"
          error={e("waitForSelector")}
          hint="Optional CSS selector that must become visible, e.g. #login-form."
        >
          <Input
            name="waitForSelector"
            placeholder="#login-form"
            defaultValue={values.waitForSelector}
            className="font-mono"
            invalid={!!e("waitForSelector")}
          />
        </Field>
        <Field label="Wait for text" name="waitForText" error={e("waitForText")} hint="Optional text that must appear on the page.">
          <Input name="waitForText" placeholder="Sign in" defaultValue={values.waitForText} invalid={!!e("waitForText")} />
        </Field>
      </div>
      <IntervalTimeout values={values} fields={fields} minInterval={Math.max(60, minInterval)} />
      <p className="text-xs text-slate-500 dark:text-slate-400">
        Browser checks run at most once a minute, on workers started with a browser. A failing check keeps a screenshot for the incident page.
      </p>
      <AdvancedRegionsThresholds values={values} fields={fields} regions={regions} />
    </div>
  );
}
