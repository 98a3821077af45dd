import { formatDateTime } from "@/components/charts/format";
import type { PublicMaintenance } from "@/lib/status-pages/public-communication";

/** Maintenance running now and announced for the next 7 days. */
export function MaintenanceNotice({ items }: { items: PublicMaintenance[] }) {
  if (items.length === 0) return null;
  return (
    <section className="mt-8" aria-labelledby="maintenance" data-testid="maintenance-notice">
      <h2 id="maintenance" className="mb-3 text-lg font-semibold">
        Scheduled maintenance
      </h2>
      <ul className="space-y-3">
        {items.map((m, n) => (
          <li key={n} className="sp-card rounded-xl px-5 py-4 text-sm">
            <p className="font-medium">
              <span className={m.active ? "sp-warn" : "sp-muted"}>{m.active ? "In progress" : "Upcoming"}</span> · {m.title}
            </p>
            <p className="sp-muted mt-1">
              {formatDateTime(m.startsAt)} → {formatDateTime(m.endsAt)}
              {m.services.length > 0 && ` · ${m.services.join(", ")}`}
            </p>
            {m.description && <p className="mt-2 whitespace-pre-line">{m.description}</p>}
          </li>
        ))}
      </ul>
    </section>
  );
}
