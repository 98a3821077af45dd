import { inArray } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { statusPages, type MaintenanceWindow } from "../db/schema";
import { enqueueSubscriberEmails, pagesListingMonitors, type SubscriberEmail } from "../status-pages/subscribers/enqueue";

const fmt = (d: Date) =>
  d
    .toISOString()
    .replace("T", " ")
    .replace(/:\d\d\.\d+Z$/, " UTC");

/** What subscribers read about a window: its title, description and times; never monitor names or URLs. */
export function maintenanceEmail(
  pageTitle: string,
  w: Pick<MaintenanceWindow, "title" | "description" | "startsAt" | "endsAt" | "recurrence">,
  phase: "scheduled" | "started" | "ended",
): SubscriberEmail {
  const verb = phase === "scheduled" ? "Scheduled maintenance" : phase === "started" ? "Maintenance started" : "Maintenance completed";
  const when = w.recurrence
    ? `Recurring (${w.recurrence.cron}, ${w.recurrence.timezone}), ${w.recurrence.durationMinutes} minutes each`
    : `${fmt(w.startsAt)} – ${fmt(w.endsAt)}`;
  return {
    subject: `[${pageTitle}] ${verb}: ${w.title}`,
    text: [`${verb}: ${w.title}`, `When: ${when}`, w.description ?? ""].filter(Boolean).join("\n\n"),
  };
}

/** Subscribers of the pages listing these monitors hear of the window (one email per page and subscriber). */
export async function notifyMaintenanceSubscribers(
  db: Db | Tx,
  w: Pick<MaintenanceWindow, "workspaceId" | "title" | "description" | "startsAt" | "endsAt" | "recurrence">,
  monitorIds: string[],
  phase: "scheduled" | "started" | "ended",
  thingKey: string,
): Promise<void> {
  const pageIds = await pagesListingMonitors(db, w.workspaceId, monitorIds);
  if (pageIds.length === 0) return;
  const pages = await db.select({ id: statusPages.id, title: statusPages.title }).from(statusPages).where(inArray(statusPages.id, pageIds));
  const kind = phase === "scheduled" ? "maintenance_scheduled" : phase === "started" ? "maintenance_started" : "maintenance_ended";
  for (const p of pages) {
    await enqueueSubscriberEmails(db, { statusPageIds: [p.id], kind, thingKey, email: maintenanceEmail(p.title, w, phase) });
  }
}
