import Link from "next/link";
import { MonitorFilters } from "@/components/monitors/monitor-filters";
import { MonitorTable } from "@/components/monitors/monitor-table";
import { kindOf, type KindType } from "@/lib/monitors/kinds/registry";
import { buttonClass } from "@/components/ui/button";
import { Alert, EmptyState, PageHeader } from "@/components/ui/card";
import { ValidationError } from "@/lib/errors";
import { countMonitorsByStatus, LIST_STATUSES, listMonitors, type ListStatus } from "@/lib/monitors";
import { getOverviewStats } from "@/lib/rollups/overview";
import { AutoRefresh } from "@/components/ui/auto-refresh";
import { requireSessionCtx } from "../_lib/session";

export const metadata = { title: "Monitors" };

const PAGE_SIZE = 25;
type Search = { status?: string; type?: string; q?: string; cursor?: string; created?: string; saved?: string; deleted?: string };

export default async function MonitorsPage({ searchParams }: { searchParams: Promise<Search> }) {
  const { ctx } = await requireSessionCtx();
  const sp = await searchParams;
  // Unknown filter values from a hand-edited URL are ignored rather than turned into an error page.
  const status = LIST_STATUSES.includes(sp.status as ListStatus) ? (sp.status as ListStatus) : undefined;
  const type = kindOf(sp.type)?.type as KindType | undefined;
  const q = sp.q?.trim().slice(0, 100) || undefined;

  const [page, counts] = await Promise.all([
    listMonitors(ctx, { limit: PAGE_SIZE, status, type, q, cursor: sp.cursor }).catch((err) => {
      if (err instanceof ValidationError) return listMonitors(ctx, { limit: PAGE_SIZE, status, type, q });
      throw err;
    }),
    countMonitorsByStatus(ctx),
  ]);
  // One query for the whole page's uptime and sparklines (no N+1), whatever the workspace size.
  const stats = await getOverviewStats(
    ctx,
    page.monitors.map((m) => m.id),
  );
  const filtered = !!(status || type || q);
  const params = (extra: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ status, type, q, ...extra })) if (v) p.set(k, v);
    const s = p.toString();
    return s ? `/monitors?${s}` : "/monitors";
  };
  const newButton = (
    <Link href="/monitors/new" className={buttonClass("primary")} data-testid="new-monitor">
      New monitor
    </Link>
  );

  return (
    <div>
      <PageHeader
        title="Monitors"
        description={
          counts.total > 0 ? (
            <span data-testid="monitor-counts">
              {counts.total} monitor{counts.total === 1 ? "" : "s"} · {counts.up} up · {counts.down} down · {counts.pending} pending · {counts.paused} paused
            </span>
          ) : (
            "HTTP checks and heartbeats for everything you run."
          )
        }
        actions={counts.total > 0 ? newButton : undefined}
      />
      {sp.created && (
        <div className="mb-4">
          <Alert tone="success">Monitor created. Its first check runs within one interval.</Alert>
        </div>
      )}
      {sp.saved && (
        <div className="mb-4">
          <Alert tone="success">Changes saved.</Alert>
        </div>
      )}
      {sp.deleted && (
        <div className="mb-4">
          <Alert tone="success">Monitor deleted.</Alert>
        </div>
      )}

      {counts.total === 0 ? (
        <EmptyState
          title="Create your first monitor"
          action={
            <div className="flex flex-wrap justify-center gap-2">
              {newButton}
              <Link href="/monitors/new?type=heartbeat" className={buttonClass("secondary")}>
                New heartbeat
              </Link>
            </div>
          }
        >
          Vigil can request a URL on a schedule from every region and alert you when it fails, or wait for heartbeats from your cron jobs and alert you when one
          goes quiet. It takes a minute to set up.
        </EmptyState>
      ) : (
        <>
          <MonitorFilters status={status} type={type} q={q} />
          {page.monitors.length === 0 ? (
            <EmptyState
              title={filtered ? "No monitors match these filters" : "No more monitors"}
              action={
                <Link href="/monitors" className={buttonClass("secondary")}>
                  Show all monitors
                </Link>
              }
            />
          ) : (
            <MonitorTable monitors={page.monitors} now={Date.now()} stats={stats} />
          )}
          <div className="mt-2 flex justify-end">
            <AutoRefresh everyMs={10_000} />
          </div>
          <nav aria-label="Pages" className="mt-4 flex items-center justify-between text-sm">
            {sp.cursor ? (
              <Link href={params({})} className={buttonClass("ghost")}>
                ← First page
              </Link>
            ) : (
              <span />
            )}
            {page.nextCursor && (
              <Link href={params({ cursor: page.nextCursor })} className={buttonClass("secondary")} data-testid="next-page">
                Next page →
              </Link>
            )}
          </nav>
        </>
      )}
    </div>
  );
}
