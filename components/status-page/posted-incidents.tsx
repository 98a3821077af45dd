import { formatDateTime } from "@/components/charts/format";
import { cn } from "@/components/ui/cn";
import type { PublicPostedIncident } from "@/lib/status-pages/public-communication";

const STATUS_LABEL = { investigating: "Investigating", identified: "Identified", monitoring: "Monitoring", resolved: "Resolved" } as const;
const IMPACT_CLASS = { none: "sp-muted", minor: "sp-warn", major: "sp-bad", critical: "sp-bad" } as const;

/** Incidents people posted, each with its timeline (newest update first). */
export function PostedIncidents({ incidents, heading, testId }: { incidents: PublicPostedIncident[]; heading?: string; testId: string }) {
  if (incidents.length === 0) return null;
  return (
    <section className="mt-8" aria-label={heading ?? "Incidents"} data-testid={testId}>
      {heading && <h2 className="mb-3 text-lg font-semibold">{heading}</h2>}
      <ul className="space-y-3">
        {incidents.map((i) => (
          <li key={i.id} className="sp-card rounded-xl px-5 py-4 text-sm" data-testid="posted-incident">
            <p className="text-base font-semibold">
              <span className={cn(i.resolvedAt ? "sp-ok" : IMPACT_CLASS[i.impact])}>{STATUS_LABEL[i.status]}</span> · {i.title}
            </p>
            {i.services.length > 0 && <p className="sp-muted mt-1">Affects {i.services.join(", ")}</p>}
            <ol className="mt-3 space-y-3 border-l sp-border pl-4">
              {i.updates.map((u, n) => (
                <li key={n}>
                  <p className="font-medium">
                    {STATUS_LABEL[u.status]} <span className="sp-muted font-normal">· {formatDateTime(u.createdAt)}</span>
                  </p>
                  {/* Rendered by renderMarkdownLite: every input character escaped, only http(s)/mailto links. */}
                  <div className="sp-message mt-1 space-y-2" dangerouslySetInnerHTML={{ __html: u.html }} />
                </li>
              ))}
            </ol>
            {i.detected && i.detected.length > 0 && (
              <ul className="sp-muted mt-3 space-y-1" data-testid="detected-automatically">
                {i.detected.map((d, n) => (
                  <li key={n}>
                    {d.service}: {d.summary} — detected automatically at {formatDateTime(d.startedAt)}
                    {d.resolvedAt ? `, recovered at ${formatDateTime(d.resolvedAt)}` : ", ongoing"}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
