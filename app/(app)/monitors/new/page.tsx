import { MonitorForm } from "@/components/monitors/monitor-form";
import { PageHeader } from "@/components/ui/card";
import { env } from "@/lib/env";
import { DEFAULT_FORM_VALUES, type MonitorFormValues } from "@/lib/monitors/form";
import { kindOf } from "@/lib/monitors/kinds/registry";
import { requireSessionCtx } from "../../_lib/session";
import { saveMonitorAction } from "../actions";

export const metadata = { title: "New monitor" };

export default async function NewMonitorPage({ searchParams }: { searchParams: Promise<{ type?: string }> }) {
  await requireSessionCtx();
  const { type } = await searchParams;
  const initial = { ...DEFAULT_FORM_VALUES, type: (kindOf(type)?.type ?? "http") as MonitorFormValues["type"] };
  return (
    <div className="mx-auto max-w-3xl">
      <PageHeader title="New monitor" description="Pick what to watch. Defaults work for most: a check every 60 seconds from every region." />
      <MonitorForm action={saveMonitorAction.bind(null, null)} initial={initial} mode="create" regions={env.REGIONS} minInterval={env.MIN_INTERVAL_SECONDS} />
    </div>
  );
}
