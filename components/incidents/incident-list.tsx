import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Card, EmptyState } from "@/components/ui/card";
import type { IncidentRow } from "@/lib/incidents/list-incidents";

const FORMAT = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone: "UTC" });

function lasted(i: IncidentRow, now: number): string {
  const s = Math.max(0, Math.round(((i.resolvedAt?.getTime() ?? now) - i.startedAt.getTime()) / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${s % 60}s`;
  if (s < 86_400) return `${Math.floor(s / 3600)}h ${Math.floor((s % 3600) / 60)}m`;
  return `${Math.floor(s / 86_400)}d ${Math.floor((s % 86_400) / 3600)}h`;
}

/** Open incidents first, then recent ones; each row links to its page. */
export function IncidentList({ incidents, now = Date.now() }: { incidents: IncidentRow[]; now?: number }) {
  if (incidents.length === 0) {
    return <EmptyState title="No incidents">When a monitor fails in a quorum of its regions, its incident shows up here.</EmptyState>;
  }
  return (
    <Card className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="incident-list">
      {incidents.map((i) => (
        <Link
          key={i.id}
          href={`/incidents/${i.id}`}
          className="flex flex-wrap items-center gap-x-4 gap-y-1 px-4 py-3 text-sm hover:bg-slate-50 dark:hover:bg-slate-800/60"
          data-testid="incident-row"
        >
          <span className="w-20">{i.status === "open" ? <Badge tone="down">open</Badge> : <Badge tone="up">resolved</Badge>}</span>
          <span className="min-w-40 flex-1">
            <span className="font-medium">{i.monitorName}</span>
            <span className="block text-slate-600 dark:text-slate-400">{i.cause}</span>
          </span>
          <span className="text-xs text-slate-500 dark:text-slate-400">{i.regions.join(", ") || "—"}</span>
          <span className="w-32 text-xs text-slate-500 dark:text-slate-400">
            <time dateTime={i.startedAt.toISOString()}>{FORMAT.format(i.startedAt)} UTC</time>
          </span>
          <span className="w-20 text-right text-xs text-slate-600 dark:text-slate-300">
            {i.status === "open" ? `${lasted(i, now)} so far` : lasted(i, now)}
          </span>
        </Link>
      ))}
    </Card>
  );
}
