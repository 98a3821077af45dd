import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { Alert, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { listStatusPages } from "@/lib/status-pages/get-status-page";
import { requireSessionCtx } from "../_lib/session";

export const metadata = { title: "Status pages" };

export default async function StatusPagesPage({ searchParams }: { searchParams: Promise<{ saved?: string }> }) {
  const { ctx } = await requireSessionCtx();
  const pages = await listStatusPages(ctx);
  const { saved } = await searchParams;
  const newButton = (
    <Link href="/status-pages/new" className={buttonClass("primary")}>
      New status page
    </Link>
  );
  return (
    <div>
      <PageHeader
        title="Status pages"
        description="Public pages that tell your customers what's up, without a login."
        actions={pages.length > 0 ? newButton : undefined}
      />
      {saved && pages.some((p) => p.id === saved) && (
        <div className="mb-4">
          <Alert tone="success">Status page saved.</Alert>
        </div>
      )}
      {pages.length === 0 ? (
        <EmptyState title="Publish your first status page" action={newButton}>
          Pick the monitors your customers care about, give them friendly names, and share <code>/status/your-name</code>. Visitors see status and uptime, never
          your URLs.
        </EmptyState>
      ) : (
        <Card className="overflow-hidden">
          <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="status-page-list">
            {pages.map((p) => (
              <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 px-5 py-4">
                <div className="min-w-0">
                  <p className="font-medium">{p.title}</p>
                  <p className="mt-0.5 text-sm text-slate-600 dark:text-slate-400">
                    <a href={`/status/${p.slug}`} className="font-mono text-brand-600 hover:underline dark:text-brand-100" target="_blank" rel="noreferrer">
                      /status/{p.slug}
                    </a>
                    {" · "}
                    {p.monitors.length === 1 ? "1 monitor" : `${p.monitors.length} monitors`}
                  </p>
                </div>
                <Link href={`/status-pages/${p.id}/edit`} className={buttonClass("secondary")} aria-label={`Edit ${p.title}`}>
                  Edit
                </Link>
              </li>
            ))}
          </ul>
        </Card>
      )}
    </div>
  );
}
