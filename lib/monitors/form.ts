import type { Monitor } from "../db/schema";
import { allKinds, kindOf, kindOfRow, type KindFormValues, type KindType } from "./kinds/registry";
import { num, str } from "./kinds/form-codec";

/**
 * The monitor form's values as the browser holds them (strings, so a half-typed number survives a
 * failed submit), and the conversions to and from the shared schema's input. One flat bag: the common
 * fields plus every kind's (each kind's codec reads and writes its own). No next/* here.
 */
export type MonitorFormValues = {
  type: KindType;
  name: string;
  /** "" = no reminders; otherwise minutes, from REMINDER_CHOICES. */
  remindEveryMinutes: string;
} & KindFormValues;

export { REMINDER_CHOICES } from "./reminders";

/** What the form's server action returns to useActionState. */
export type MonitorFormState = {
  message?: string;
  fields?: Record<string, string>;
  values?: MonitorFormValues;
  /** Bumped on each refused submit so the form remounts showing the echoed values. */
  attempt: number;
};

export const DEFAULT_FORM_VALUES: MonitorFormValues = Object.assign(
  { type: "http", name: "", remindEveryMinutes: "" },
  ...allKinds().map((k) => k.form.defaults),
) as MonitorFormValues;

export function formValuesFromFormData(fd: FormData): MonitorFormValues {
  const kind = kindOf(str(fd, "type")) ?? kindOf("http")!;
  return {
    ...DEFAULT_FORM_VALUES,
    type: kind.type as KindType,
    name: str(fd, "name"),
    remindEveryMinutes: str(fd, "remindEveryMinutes"),
    ...kind.form.read(fd),
  } as MonitorFormValues;
}

/** The schema input for these values: only the fields of the chosen kind. */
export function inputFromFormValues(v: MonitorFormValues): Record<string, unknown> {
  const kind = kindOf(v.type) ?? kindOf("http")!;
  return { type: kind.type, name: v.name, remindEveryMinutes: num(v.remindEveryMinutes) ?? null, ...kind.form.input(v) };
}

export function formValuesFromMonitor(m: Monitor): MonitorFormValues {
  return {
    ...DEFAULT_FORM_VALUES,
    type: m.type as KindType,
    name: m.name,
    remindEveryMinutes: m.remindEveryMinutes == null ? "" : String(m.remindEveryMinutes),
    ...kindOfRow(m).form.fromRow(m),
  } as MonitorFormValues;
}
