import Link from "next/link";
import { MaintenanceForm } from "@/components/maintenance/maintenance-form";
import { PageHeader } from "@/components/ui/card";
import { monitorOptions } from "@/lib/status-pages/monitor-options";
import { requireSessionCtx } from "../../_lib/session";
import { saveMaintenanceWindowAction } from "../actions";

export const metadata = { title: "New maintenance window" };

const local = (d: Date) => d.toISOString().slice(0, 16);

export default async function NewMaintenancePage() {
  const { ctx } = await requireSessionCtx();
  const monitors = await monitorOptions(ctx);
  const start = new Date(Math.ceil(Date.now() / 3_600_000) * 3_600_000);
  return (
    <div className="max-w-3xl">
      <PageHeader
        title="New maintenance window"
        description={
          <Link href="/maintenance" className="hover:underline">
            ← Maintenance
          </Link>
        }
      />
      <MaintenanceForm
        action={saveMaintenanceWindowAction.bind(null, null)}
        initial={{
          title: "",
          description: "",
          monitorIds: [],
          startsAt: local(start),
          endsAt: local(new Date(start.getTime() + 3_600_000)),
          repeat: "once",
          cron: "",
          timezone: "UTC",
          durationMinutes: "60",
        }}
        monitors={monitors}
        submitLabel="Schedule"
      />
    </div>
  );
}
