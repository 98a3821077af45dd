import { Field, Input } from "@/components/ui/field";
import { AdvancedRegionsThresholds, IntervalTimeout } from "./check-fields";
import type { KindFieldsProps } from "./props";

export function TcpFields({ values, fields, regions, minInterval }: KindFieldsProps) {
  const e = (k: string) => fields[k];
  return (
    <div className="space-y-5" data-testid="tcp-fields">
      <div className="grid gap-4 sm:grid-cols-[1fr_8rem]">
        <Field label="Host" name="host" error={e("host")} hint="A host name or IP address, without a scheme or path.">
          <Input name="host" placeholder="db.example.com" defaultValue={values.host} className="font-mono" invalid={!!e("host")} />
        </Field>
        <Field label="Port" name="port" error={e("port")} hint="1–65535.">
          <Input name="port" type="number" inputMode="numeric" min={1} max={65535} placeholder="5432" defaultValue={values.port} invalid={!!e("port")} />
        </Field>
      </div>
      <IntervalTimeout values={values} fields={fields} minInterval={minInterval} />
      <AdvancedRegionsThresholds values={values} fields={fields} regions={regions} />
    </div>
  );
}
