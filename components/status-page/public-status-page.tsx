import { formatDateTime, formatDuration } from "@/components/charts/format";
import { cn } from "@/components/ui/cn";
import type { PublicIncident, PublicMonitor, PublicStatusPage } from "@/lib/status-pages/public";
import { formatUptime } from "@/lib/uptime/compute";
import { DayBars } from "./day-bars";
import { StatusPageShell } from "./status-page-shell";
import { MaintenanceNotice } from "./maintenance-notice";
import { PostedIncidents } from "./posted-incidents";
import { SubscribeForm } from "./subscribe-form";

const BANNER = {
  operational: { text: "All systems operational", icon: "✓" },
  partial: { text: "Partial outage", icon: "!" },
  major: { text: "Major outage", icon: "✕" },
} as const;

const STATUS = {
  operational: { text: "Operational", cls: "sp-ok" },
  outage: { text: "Outage", cls: "sp-bad" },
  paused: { text: "Paused", cls: "sp-muted" },
  maintenance: { text: "Under maintenance", cls: "sp-warn" },
  unknown: { text: "No data yet", cls: "sp-muted" },
} as const;

/** The public page: server-rendered HTML only, no client JavaScript needed. */
export function PublicStatusPageView({ page }: { page: PublicStatusPage }) {
  const banner = BANNER[page.overall];
  const count = page.groups.reduce((n, g) => n + g.monitors.length, 0);
  return (
    <StatusPageShell branding={page.branding}>
      <main className="mx-auto max-w-3xl px-4 py-10 sm:py-14">
        <header className="mb-8">
          {page.branding?.logoUrl && (
            // eslint-disable-next-line @next/next/no-img-element -- an https image of the page owner's; no optimiser on a public, script-free page
            <img src={page.branding.logoUrl} alt={`${page.title} logo`} className="mb-4 h-10 w-auto max-w-[240px] object-contain" />
          )}
          <h1 className="text-2xl font-semibold tracking-tight sm:text-3xl">{page.title}</h1>
          {page.description && <p className="sp-muted mt-2 text-sm sm:text-base">{page.description}</p>}
        </header>
        {/* Filled in by the web server only when it serves this copy because the database is unreachable. */}
        <p id="sp-stale" data-at={page.generatedAt} hidden />

        <section
          aria-label="Overall status"
          data-testid="overall-status"
          data-overall={page.overall}
          className={cn("flex items-center gap-3 rounded-xl px-5 py-4 text-base font-semibold", `sp-banner-${page.overall}`)}
        >
          <span aria-hidden className="flex h-7 w-7 items-center justify-center rounded-full bg-white/20 text-sm">
            {banner.icon}
          </span>
          {banner.text}
        </section>

        <PostedIncidents incidents={page.communication?.openIncidents ?? []} heading="Current incidents" testId="open-posted-incidents" />
        <MaintenanceNotice items={page.communication?.maintenance ?? []} />

        {page.activeIncidents.length > 0 && (
          <section className="mt-8" aria-labelledby="current-incidents">
            <h2 id="current-incidents" className="mb-3 text-lg font-semibold">
              Current incidents
            </h2>
            <ul className="space-y-3">
              {page.activeIncidents.map((i, n) => (
                <IncidentItem key={n} incident={i} />
              ))}
            </ul>
          </section>
        )}

        <section className="mt-8 space-y-6" aria-label="Services">
          {count === 0 && <p className="sp-card sp-muted rounded-xl p-6 text-sm">This page doesn&apos;t list any services yet.</p>}
          {page.groups.map((g, gi) => (
            <div key={gi}>
              {g.name && <h2 className="mb-2 text-sm font-semibold uppercase tracking-wide sp-muted">{g.name}</h2>}
              <ul className="sp-card sp-divide rounded-xl">
                {g.monitors.map((m) => (
                  <MonitorItem key={m.id} monitor={m} />
                ))}
              </ul>
            </div>
          ))}
        </section>

        <section className="mt-10" aria-labelledby="history">
          <h2 id="history" className="mb-3 text-lg font-semibold">
            Past incidents <span className="sp-muted text-sm font-normal">(last 14 days)</span>
          </h2>
          <PostedIncidents incidents={page.communication?.recentIncidents ?? []} testId="recent-posted-incidents" />
          {page.history.length === 0 ? (
            (page.communication?.recentIncidents.length ?? 0) === 0 && (
              <p className="sp-muted text-sm" data-testid="no-history">
                No incidents in the last 14 days.
              </p>
            )
          ) : (
            <ul className="space-y-3" data-testid="incident-history">
              {page.history.map((i, n) => (
                <IncidentItem key={n} incident={i} />
              ))}
            </ul>
          )}
        </section>

        {page.communication?.subscribe && <SubscribeForm slug={page.slug} />}

        <footer className="sp-muted mt-12 flex flex-wrap justify-between gap-2 border-t sp-border pt-4 text-xs">
          <span>Updated {formatDateTime(page.generatedAt)}</span>
          <span>
            Feeds:{" "}
            <a className="sp-link underline" href={`/status/${page.slug}/feed.rss`}>
              RSS
            </a>{" "}
            ·{" "}
            <a className="sp-link underline" href={`/status/${page.slug}/feed.atom`}>
              Atom
            </a>{" "}
            ·{" "}
            <a className="sp-link underline" href={`/status/${page.slug}/feed.json`}>
              JSON
            </a>
            {!page.branding?.hidePoweredBy && " · Powered by Vigil"}
          </span>
          {(page.branding?.footerLinks.length ?? 0) > 0 && (
            <nav aria-label="Links" className="flex w-full flex-wrap gap-x-4 gap-y-1" data-testid="footer-links">
              {page.branding!.footerLinks.map((l, i) => (
                <a key={i} className="sp-link underline" href={l.url} rel="noopener nofollow">
                  {l.label}
                </a>
              ))}
            </nav>
          )}
        </footer>
      </main>
    </StatusPageShell>
  );
}

function MonitorItem({ monitor: m }: { monitor: PublicMonitor }) {
  const s = STATUS[m.status];
  return (
    <li className="px-5 py-4" data-testid="public-monitor">
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-x-4 gap-y-1">
        <h3 className="font-medium">{m.name}</h3>
        <p className="text-sm">
          <span className={cn("font-medium", s.cls)}>{s.text}</span>
          <span className="sp-muted"> · {formatUptime(m.uptime90d, 2)} uptime (90 days)</span>
        </p>
      </div>
      <DayBars bars={m.bars} label={`${m.name}, daily uptime for 90 days`} />
    </li>
  );
}

function IncidentItem({ incident: i }: { incident: PublicIncident }) {
  const resolved = i.resolvedAt !== null;
  const duration = new Date(i.resolvedAt ?? Date.now()).getTime() - new Date(i.startedAt).getTime();
  return (
    <li className="sp-card rounded-xl px-5 py-4 text-sm">
      <p className="font-medium">
        <span className={!resolved ? "sp-bad" : i.endedBy === "pause" ? "sp-muted" : "sp-ok"}>
          {!resolved ? "Ongoing" : i.endedBy === "pause" ? "Monitoring paused" : "Resolved"}
        </span>{" "}
        · {i.monitor}: {i.summary}
      </p>
      <p className="sp-muted mt-1">
        {formatDateTime(i.startedAt)} {resolved ? `→ ${formatDateTime(i.resolvedAt!)}` : ""} ({formatDuration(duration)})
      </p>
    </li>
  );
}
