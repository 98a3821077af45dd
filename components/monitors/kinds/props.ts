import type { MonitorFormValues } from "@/lib/monitors/form";

/** What every kind's form section gets from the monitor form. */
export type KindFieldsProps = { values: MonitorFormValues; fields: Record<string, string>; regions: string[]; minInterval: number };
