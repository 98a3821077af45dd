import Link from "next/link";
import { formatDateTime } from "@/components/charts/format";
import { Badge } from "@/components/ui/badge";
import { buttonClass } from "@/components/ui/button";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { listMaintenanceWindows } from "@/lib/maintenance/get-window";
import type { MaintenanceWindowOut } from "@/lib/maintenance/serialize";
import { monitorOptions } from "@/lib/status-pages/monitor-options";
import { requireSessionCtx } from "../_lib/session";
import { deleteMaintenanceWindowAction } from "./actions";

export const metadata = { title: "Maintenance" };

/** Active, upcoming and past windows, like a calendar's agenda view. */
export default async function MaintenancePage() {
  const { ctx } = await requireSessionCtx();
  const [windows, monitors] = await Promise.all([listMaintenanceWindows(ctx), monitorOptions(ctx)]);
  const name = new Map(monitors.map((m) => [m.id, m.name]));
  const active = windows.filter((w) => w.active);
  const upcoming = windows.filter((w) => !w.active && w.nextOccurrence).sort((a, b) => a.nextOccurrence!.startsAt.localeCompare(b.nextOccurrence!.startsAt));
  const past = windows.filter((w) => !w.active && !w.nextOccurrence);
  return (
    <div>
      <PageHeader
        title="Maintenance"
        description="While a window is active its monitors are still checked, but open no incidents, send no alerts and don't count against uptime."
        actions={
          <Link href="/maintenance/new" className={buttonClass()} data-testid="new-maintenance">
            New window
          </Link>
        }
      />
      {windows.length === 0 ? (
        <EmptyState title="No maintenance windows">Schedule one before planned work, once or on a recurring schedule.</EmptyState>
      ) : (
        <div className="space-y-8">
          <Section title="Active now" windows={active} name={name} tone="paused" />
          <Section title="Upcoming" windows={upcoming} name={name} tone="pending" />
          <Section title="Past" windows={past} name={name} tone="neutral" />
        </div>
      )}
    </div>
  );
}

function Section({
  title,
  windows,
  name,
  tone,
}: {
  title: string;
  windows: MaintenanceWindowOut[];
  name: Map<string, string>;
  tone: "paused" | "pending" | "neutral";
}) {
  if (windows.length === 0) return null;
  return (
    <section aria-label={title}>
      <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">{title}</h2>
      <Card className="divide-y divide-slate-200 dark:divide-slate-800">
        {windows.map((w) => {
          const when = w.nextOccurrence ?? { startsAt: w.startsAt, endsAt: w.endsAt };
          return (
            <div key={w.id} className="flex flex-wrap items-start justify-between gap-3 px-4 py-3 text-sm" data-testid="maintenance-row">
              <div className="min-w-0">
                <p className="font-medium">
                  {w.title} {w.active && <Badge tone={tone}>Under maintenance</Badge>} {w.recurrence && <Badge tone="neutral">Recurring</Badge>}
                </p>
                <p className="mt-0.5 text-slate-600 dark:text-slate-400">
                  {formatDateTime(when.startsAt)} → {formatDateTime(when.endsAt)}
                  {w.recurrence &&
                    ` · ${w.recurrence.cron} (${w.recurrence.timezone}), ${w.recurrence.durationMinutes} min each, until ${formatDateTime(w.endsAt)}`}
                </p>
                <p className="mt-0.5 text-slate-500 dark:text-slate-400">{w.monitorIds.map((id) => name.get(id) ?? "deleted monitor").join(", ")}</p>
              </div>
              <div className="flex gap-2">
                <Link href={`/maintenance/${w.id}/edit`} className={buttonClass("secondary")}>
                  Edit
                </Link>
                <form action={deleteMaintenanceWindowAction.bind(null, w.id)}>
                  <button type="submit" className={buttonClass("ghost")}>
                    Delete
                  </button>
                </form>
              </div>
            </div>
          );
        })}
      </Card>
    </section>
  );
}
