import Link from "next/link";
import { MaintenanceForm } from "@/components/maintenance/maintenance-form";
import { PageHeader } from "@/components/ui/card";
import { getMaintenanceWindow } from "@/lib/maintenance/get-window";
import { monitorOptions } from "@/lib/status-pages/monitor-options";
import { orNotFound, requireSessionCtx } from "../../../_lib/session";
import { saveMaintenanceWindowAction } from "../../actions";

export const metadata = { title: "Edit maintenance window" };

export default async function EditMaintenancePage({ params }: { params: Promise<{ id: string }> }) {
  const { ctx } = await requireSessionCtx();
  const { id } = await params;
  const w = await orNotFound(getMaintenanceWindow(ctx, id));
  const monitors = await monitorOptions(ctx, { include: w.monitorIds });
  return (
    <div className="max-w-3xl">
      <PageHeader
        title={w.title}
        description={
          <Link href="/maintenance" className="hover:underline">
            ← Maintenance
          </Link>
        }
      />
      <MaintenanceForm
        action={saveMaintenanceWindowAction.bind(null, w.id)}
        initial={{
          title: w.title,
          description: w.description ?? "",
          monitorIds: w.monitorIds,
          startsAt: w.startsAt.slice(0, 16),
          endsAt: w.endsAt.slice(0, 16),
          repeat: w.recurrence ? "cron" : "once",
          cron: w.recurrence?.cron ?? "",
          timezone: w.recurrence?.timezone ?? "UTC",
          durationMinutes: String(w.recurrence?.durationMinutes ?? 60),
        }}
        monitors={monitors}
        submitLabel="Save changes"
      />
    </div>
  );
}
