import { Field, Input, Select, Textarea } from "@/components/ui/field";
import { AdvancedRegionsThresholds, IntervalTimeout } from "./check-fields";
import type { KindFieldsProps } from "./props";

// Kept here rather than imported from lib/checks (that module pulls node:dns into the browser bundle).
const RECORD_TYPES = ["A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA"];

export function DnsFields({ values, fields, regions, minInterval }: KindFieldsProps) {
  const e = (k: string) => fields[k];
  return (
    <div className="space-y-5" data-testid="dns-fields">
      <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
        <Field label="Hostname" name="hostname" error={e("hostname")} hint="The name to look up, e.g. example.com or _sip._tcp.example.com.">
          <Input name="hostname" placeholder="example.com" defaultValue={values.hostname} className="font-mono" invalid={!!e("hostname")} />
        </Field>
        <Field label="Record type" name="recordType" error={e("recordType")}>
          <Select name="recordType" defaultValue={values.recordType} invalid={!!e("recordType")}>
            {RECORD_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </Select>
        </Field>
      </div>
      <Field
        label="Expected values"
        name="expectedValues"
        error={e("expectedValues")}
        hint="One per line; each must be among the answers (an MX or SRV may be given by its target). Empty = any answer."
      >
        <Textarea
          name="expectedValues"
          rows={3}
          placeholder={"203.0.113.10\n203.0.113.11"}
          defaultValue={values.expectedValues}
          className="font-mono"
          invalid={!!e("expectedValues")}
        />
      </Field>
      <Field label="Resolver" name="resolver" error={e("resolver")} hint="Optional: an IP address, or ip:port, to ask instead of the worker's own resolver.">
        <Input name="resolver" placeholder="1.1.1.1" defaultValue={values.resolver} className="font-mono" invalid={!!e("resolver")} />
      </Field>
      <IntervalTimeout values={values} fields={fields} minInterval={minInterval} />
      <AdvancedRegionsThresholds values={values} fields={fields} regions={regions} />
    </div>
  );
}
