import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { AssertionsEditor } from "../assertions-editor";
import { HeadersEditor } from "../headers-editor";
import { IntervalTimeout, RegionsThresholds } from "./check-fields";
import type { KindFieldsProps } from "./props";

const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];
const ADVANCED = [
  "headers",
  "body",
  "expectedStatus",
  "keyword",
  "keywordMode",
  "followRedirects",
  "allowHttpDowngrade",
  "verifyTls",
  "assertions",
  "regions",
  "failureThreshold",
  "recoveryThreshold",
  "method",
];

export function HttpFields({ values, fields, regions, minInterval }: KindFieldsProps) {
  const e = (k: string) => fields[k];
  const advancedOpen =
    ADVANCED.some((k) => fields[k]) ||
    Object.keys(fields).some((k) => k.startsWith("assertions.")) ||
    values.headers.length > 0 ||
    values.body !== "" ||
    values.keyword !== "" ||
    values.assertions.length > 0;
  return (
    <div className="space-y-5" data-testid="http-fields">
      <div className="grid gap-4 sm:grid-cols-[8rem_1fr]">
        <Field label="Method" name="method" error={e("method")}>
          <Select name="method" defaultValue={values.method} invalid={!!e("method")}>
            {METHODS.map((m) => (
              <option key={m}>{m}</option>
            ))}
          </Select>
        </Field>
        <Field label="URL" name="url" error={e("url")} hint="http:// or https:// address Vigil requests.">
          <Input name="url" type="url" inputMode="url" placeholder="https://example.com/health" defaultValue={values.url} invalid={!!e("url")} />
        </Field>
      </div>
      <IntervalTimeout values={values} fields={fields} minInterval={minInterval} />

      <details open={advancedOpen} className="group rounded-lg ring-1 ring-slate-200 dark:ring-slate-800">
        <summary className="cursor-pointer select-none px-4 py-3 text-sm font-medium text-slate-700 dark:text-slate-300">
          Advanced: headers, body, expected status, keyword, assertions, regions, thresholds
        </summary>
        <div className="space-y-5 border-t border-slate-200 px-4 py-4 dark:border-slate-800">
          <HeadersEditor initial={values.headers} error={e("headers")} />
          <Field label="Request body" name="body" error={e("body")} hint="Sent with POST, PUT and PATCH; up to 64 KiB.">
            <Textarea name="body" rows={3} defaultValue={values.body} invalid={!!e("body")} />
          </Field>
          <Field label="Expected status codes" name="expectedStatus" error={e("expectedStatus")} hint="Codes or ranges, comma separated, e.g. 200-299,301.">
            <Input name="expectedStatus" defaultValue={values.expectedStatus} className="font-mono" invalid={!!e("expectedStatus")} />
          </Field>
          <div className="grid gap-4 sm:grid-cols-[1fr_12rem]">
            <Field label="Keyword" name="keyword" error={e("keyword")} hint="Optional text to look for in the response body.">
              <Input name="keyword" defaultValue={values.keyword} invalid={!!e("keyword")} />
            </Field>
            <Field label="Keyword must be" name="keywordMode" error={e("keywordMode")}>
              <Select name="keywordMode" defaultValue={values.keywordMode}>
                <option value="present">present</option>
                <option value="absent">absent</option>
              </Select>
            </Field>
          </div>
          <AssertionsEditor initial={values.assertions} fields={fields} />
          <div className="flex flex-wrap gap-6 text-sm">
            <Check name="followRedirects" label="Follow redirects" checked={values.followRedirects} error={e("followRedirects")} />
            <Check name="allowHttpDowngrade" label="Allow redirects from https to http" checked={values.allowHttpDowngrade} error={e("allowHttpDowngrade")} />
            <Check name="verifyTls" label="Verify TLS certificate" checked={values.verifyTls} error={e("verifyTls")} />
          </div>
          <RegionsThresholds values={values} fields={fields} regions={regions} />
        </div>
      </details>
    </div>
  );
}

function Check({ name, label, checked, error }: { name: string; label: string; checked: boolean; error?: string }) {
  return (
    <div>
      <label className="flex items-center gap-2">
        <input type="checkbox" name={name} defaultChecked={checked} className="accent-brand-600" />
        {label}
      </label>
      {error && (
        <p role="alert" className="text-xs font-medium text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}
