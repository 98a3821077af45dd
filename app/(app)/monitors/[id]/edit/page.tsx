import Link from "next/link";
import { ROW_ACTION } from "@/components/monitors/action-styles";
import { MonitorActions } from "@/components/monitors/monitor-actions";
import { MonitorForm } from "@/components/monitors/monitor-form";
import { PingUrlPanel } from "@/components/monitors/ping-url-panel";
import { MonitorStatus } from "@/components/monitors/status-badge";
import { PageHeader } from "@/components/ui/card";
import { env } from "@/lib/env";
import { getMonitorOrThrow, pingUrl } from "@/lib/monitors";
import { formValuesFromMonitor } from "@/lib/monitors/form";
import { kindOfRow } from "@/lib/monitors/kinds/registry";
import { orNotFound, requireSessionCtx } from "../../../_lib/session";
import { saveMonitorAction } from "../../actions";

export const metadata = { title: "Edit monitor" };

export default async function EditMonitorPage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ created?: string }> }) {
  const { ctx } = await requireSessionCtx();
  const { id } = await params;
  const { created } = await searchParams;
  const monitor = await orNotFound(getMonitorOrThrow(ctx, id));

  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <PageHeader
        title={`Edit ${monitor.name}`}
        description={
          <span className="flex items-center gap-2">
            <MonitorStatus status={monitor.status} paused={monitor.paused} />
            {kindOfRow(monitor).label} monitor
          </span>
        }
        actions={
          <>
            <Link href={`/monitors/${monitor.id}`} className={ROW_ACTION}>
              View
            </Link>
            <MonitorActions id={monitor.id} name={monitor.name} paused={monitor.paused} afterDelete="/monitors" />
          </>
        }
      />
      {monitor.type === "heartbeat" && monitor.pingToken && <PingUrlPanel url={pingUrl(monitor.pingToken)} justCreated={!!created} />}
      <MonitorForm
        action={saveMonitorAction.bind(null, monitor.id)}
        initial={formValuesFromMonitor(monitor)}
        mode="edit"
        regions={env.REGIONS}
        minInterval={env.MIN_INTERVAL_SECONDS}
      />
    </div>
  );
}
