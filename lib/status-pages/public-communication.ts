import { and, desc, eq, gt, inArray, isNull, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { maintenanceWindows, statusPageIncidents, statusPageIncidentUpdates, type StatusPageIncident } from "../db/schema";
import { occurrencesBetween } from "../maintenance/occurrences";
import { renderMarkdownLite } from "./incidents/markdown-lite";

const DAY = 86_400_000;
const RECENT_DAYS = 14;
const UPCOMING_DAYS = 7;

/** A posted incident as the public page shows it: messages already rendered (escaped markdown-lite). */
export type PublicPostedIncident = {
  id: string;
  title: string;
  impact: StatusPageIncident["impact"];
  status: StatusPageIncident["status"];
  services: string[];
  updates: { status: StatusPageIncident["status"]; html: string; createdAt: string }[];
  /** Automatic incidents linked to this one, folded under it (never shown on their own); absent in older cached copies. */
  detected?: PublicDetected[];
  createdAt: string;
  resolvedAt: string | null;
};
/** A linked automatic incident as shown under the posted one: service, fixed summary and times only. */
export type PublicDetected = { service: string; summary: string; startedAt: string; resolvedAt: string | null };
/** An automatic incident the page may show (its internal id is used for matching only and never leaves). */
export type AutomaticIncident = { id: string; monitorId: string; startedAt: Date; resolvedAt: Date | null; summary: string };
/** A maintenance occurrence running now or starting within 7 days, for services on this page. */
export type PublicMaintenance = { title: string; description: string | null; startsAt: string; endsAt: string; active: boolean; services: string[] };
/** `subscribe`: the page takes subscribers (shows the form posting to /status/{slug}/subscribe). */
export type PublicCommunication = {
  openIncidents: PublicPostedIncident[];
  recentIncidents: PublicPostedIncident[];
  maintenance: PublicMaintenance[];
  subscribe: boolean;
};

/**
 * `folded`: ids of the automatic incidents linked to a posted incident shown here; the page leaves them out
 * of its own incident lists so visitors read one story. `automatic` is empty when the page hides them.
 *
 * What people wrote on the page (posted incidents: open ones, and those resolved in the last 14 days) and
 * the maintenance announced for its services (running or within 7 days). Only titles, messages, times and
 * display names: never monitor names, URLs or window ids. Three indexed queries.
 */
export async function loadPublicCommunication(
  db: Db,
  page: { id: string; workspaceId: string; subscribersEnabled: boolean },
  listed: { id: string; displayName: string }[],
  now: Date,
  automatic: AutomaticIncident[] = [],
): Promise<{ communication: PublicCommunication; folded: Set<string> }> {
  const name = new Map(listed.map((m) => [m.id, m.displayName]));
  const names = (ids: string[]) => ids.map((id) => name.get(id)).filter((n): n is string => !!n);
  const since = new Date(now.getTime() - RECENT_DAYS * DAY);
  const rows = await db
    .select()
    .from(statusPageIncidents)
    .where(and(eq(statusPageIncidents.statusPageId, page.id), or(isNull(statusPageIncidents.resolvedAt), gt(statusPageIncidents.resolvedAt, since))))
    .orderBy(desc(statusPageIncidents.createdAt))
    .limit(50);
  const updates = rows.length
    ? await db
        .select()
        .from(statusPageIncidentUpdates)
        .where(
          inArray(
            statusPageIncidentUpdates.incidentId,
            rows.map((r) => r.id),
          ),
        )
    : [];
  const byId = new Map(automatic.map((a) => [a.id, a]));
  const folded = new Set<string>();
  const detected = (ids: string[]): PublicDetected[] =>
    ids
      .map((id) => byId.get(id))
      .filter((a): a is AutomaticIncident => !!a && name.has(a.monitorId))
      .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())
      .map((a) => {
        folded.add(a.id);
        return { service: name.get(a.monitorId)!, summary: a.summary, startedAt: a.startedAt.toISOString(), resolvedAt: a.resolvedAt?.toISOString() ?? null };
      });
  const posted = rows.map((r): PublicPostedIncident => ({
    id: r.id,
    title: r.title,
    impact: r.impact,
    status: r.status,
    services: names(r.monitorIds),
    updates: updates
      .filter((u) => u.incidentId === r.id)
      .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime())
      .map((u) => ({ status: u.status, html: renderMarkdownLite(u.message), createdAt: u.createdAt.toISOString() })),
    detected: detected(r.linkedIncidentIds),
    createdAt: r.createdAt.toISOString(),
    resolvedAt: r.resolvedAt?.toISOString() ?? null,
  }));

  const maintenance: PublicMaintenance[] = [];
  if (listed.length) {
    const horizon = new Date(now.getTime() + UPCOMING_DAYS * DAY);
    const windows = await db
      .select()
      .from(maintenanceWindows)
      .where(
        and(
          eq(maintenanceWindows.workspaceId, page.workspaceId),
          sql`${maintenanceWindows.monitorIds} && array[${sql.join(
            listed.map((m) => sql`${m.id}`),
            sql`, `,
          )}]::uuid[]`,
          sql`${maintenanceWindows.startsAt} < ${horizon.toISOString()}::timestamptz`,
          sql`${maintenanceWindows.endsAt} > ${new Date(now.getTime() - UPCOMING_DAYS * DAY).toISOString()}::timestamptz`,
        ),
      );
    for (const w of windows) {
      for (const o of occurrencesBetween(w, now, horizon).slice(0, 3)) {
        maintenance.push({
          title: w.title,
          description: w.description,
          startsAt: o.start.toISOString(),
          endsAt: o.end.toISOString(),
          active: o.start <= now,
          services: names(w.monitorIds),
        });
      }
    }
    maintenance.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  }
  return {
    communication: {
      openIncidents: posted.filter((p) => p.resolvedAt === null),
      recentIncidents: posted.filter((p) => p.resolvedAt !== null),
      maintenance: maintenance.slice(0, 20),
      subscribe: page.subscribersEnabled,
    },
    folded,
  };
}
