import type { MaintenanceWindow } from "../db/schema";
import type { SubscriberEmail } from "../status-pages/subscribers/enqueue";

const fmt = (d: Date) => d.toISOString().replace("T", " ").replace(/:\d\d\.\d+Z$/, " UTC");

/** What subscribers read about a window: its title, description and times; never monitor names or URLs. */
export function maintenanceEmail(pageTitle: string, w: Pick<MaintenanceWindow, "title" | "description" | "startsAt" | "endsAt" | "recurrence">, phase: "scheduled" | "started" | "ended"): SubscriberEmail {
  const verb = phase === "scheduled" ? "Scheduled maintenance" : phase === "started" ? "Maintenance started" : "Maintenance completed";
  const when = w.recurrence
    ? `Recurring (${w.recurrence.cron}, ${w.recurrence.timezone}), ${w.recurrence.durationMinutes} minutes each`
    : `${fmt(w.startsAt)} – ${fmt(w.endsAt)}`;
  return {
    subject: `[${pageTitle}] ${verb}: ${w.title}`,
    text: [`${verb}: ${w.title}`, `When: ${when}`, w.description ?? ""].filter(Boolean).join("\n\n"),
  };
}
