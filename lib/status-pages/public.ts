import { createHash } from "node:crypto";
import { and, asc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { incidents, monitors, statusPageMonitors, statusPages } from "../db/schema";
import { computeUptime } from "../uptime/compute";
import { bannerTextColor } from "./branding";
import { dailyBars } from "../uptime/daily";
import { pausedSpans } from "../uptime/paused";
import { underMaintenance } from "../maintenance/occurrences";
import { loadPublicCommunication, type PublicCommunication } from "./public-communication";

const DAY = 86_400_000;
const HISTORY_DAYS = 14;

export type PublicMonitorStatus = "operational" | "outage" | "paused" | "maintenance" | "unknown";
export type PublicMonitor = {
  id: string;
  name: string;
  status: PublicMonitorStatus;
  uptime90d: number;
  /** Days with downtime carry that day's incidents (unless the page hides automatic incidents). */
  bars: { day: number; uptime: number | null; downtimeMs: number; incidents?: PublicDayIncident[] }[];
};
export type PublicDayIncident = { startedAt: string; resolvedAt: string | null; summary: string };
/** `id`: a digest of the incident's id (stable, for feed GUIDs; the internal id itself never leaves). `endedBy`: "recovery", or "pause" when monitoring was paused before it recovered (no recovery to claim). */
export type PublicIncident = {
  id: string;
  monitor: string;
  startedAt: string;
  resolvedAt: string | null;
  endedBy: "recovery" | "pause" | null;
  summary: string;
};
export type PublicStatusPage = {
  slug: string;
  title: string;
  description: string | null;
  overall: "operational" | "partial" | "major";
  groups: { name: string | null; monitors: PublicMonitor[] }[];
  activeIncidents: PublicIncident[];
  history: PublicIncident[];
  /** Posted incidents and announced maintenance (lib/status-pages/public-communication.ts); absent in copies cached before it existed. */
  communication?: PublicCommunication;
  /** The page's own host, when it has one: its canonical address (feeds link there). */
  customDomain: string | null;
  branding: PublicBranding;
  generatedAt: string;
};
/** `bannerText`: the text colour chosen for the accent (WCAG AA), null with the default accent. */
export type PublicBranding = {
  theme: "auto" | "light" | "dark";
  accentColor: string | null;
  bannerText: string | null;
  logoUrl: string | null;
  footerLinks: { label: string; url: string }[];
  hidePoweredBy: boolean;
};

/** Fixed wording per error class: incident causes are free text that can name hosts, so they never leave. */
const SUMMARY: Record<string, string> = {
  timeout: "Not responding (timeouts)",
  dns: "Unreachable (DNS)",
  refused: "Unreachable (connection refused)",
  reset: "Connection errors",
  tls: "Secure connection errors",
  status: "Returning errors",
  keyword: "Serving unexpected content",
  assertion: "Serving unexpected content",
  blocked: "Unreachable",
  protocol: "Connection errors",
};
const summaryFor = (errorClass: string | null, statusCode: number | null) =>
  errorClass === "status" && statusCode ? `Returning errors (HTTP ${statusCode})` : (SUMMARY[errorClass ?? ""] ?? "Service disruption");

/**
 * The public page's data, built from an allow-list: display names, statuses, daily uptime, incident
 * times and a fixed summary. Never URLs, headers, internal names, causes or unlisted monitors.
 * Four indexed queries whatever the history size (incidents of 90 days, no raw check rows).
 */
export async function loadPublicStatusPage(db: Db, slug: string, now = new Date()): Promise<PublicStatusPage | null> {
  const [page] = await db.select().from(statusPages).where(eq(statusPages.slug, slug));
  if (!page) return null;
  const listed = await db
    .select({
      id: monitors.id,
      displayName: statusPageMonitors.displayName,
      groupName: statusPageMonitors.groupName,
      type: monitors.type,
      status: monitors.status,
      paused: monitors.paused,
      createdAt: monitors.createdAt,
      pauseHistory: monitors.pauseHistory,
      maintenanceHistory: monitors.maintenanceHistory,
      maintenanceStartsAt: monitors.maintenanceStartsAt,
      maintenanceEndsAt: monitors.maintenanceEndsAt,
    })
    .from(statusPageMonitors)
    .innerJoin(monitors, and(eq(monitors.id, statusPageMonitors.monitorId), eq(monitors.workspaceId, page.workspaceId)))
    .where(eq(statusPageMonitors.statusPageId, page.id))
    .orderBy(asc(statusPageMonitors.position));
  const t = now.getTime();
  const since = new Date(t - 90 * DAY);
  const ids = listed.map((m) => m.id);
  const incidentRows = ids.length
    ? await db
        .select({
          id: incidents.id,
          monitorId: incidents.monitorId,
          startedAt: incidents.startedAt,
          resolvedAt: incidents.resolvedAt,
          errorClass: incidents.errorClass,
          statusCode: incidents.statusCode,
          endedByPause: sql<boolean>`coalesce(${incidents.details}->>'endedBy' = 'paused', false)`,
        })
        .from(incidents)
        .where(and(inArray(incidents.monitorId, ids), lt(incidents.startedAt, now), or(isNull(incidents.resolvedAt), gt(incidents.resolvedAt, since))))
    : [];

  const name = new Map(listed.map((m) => [m.id, m.displayName]));
  const groups: PublicStatusPage["groups"] = [];
  for (const m of listed) {
    const spans = incidentRows
      .filter((i) => i.monitorId === m.id)
      .map((i) => ({ startedAt: i.startedAt.getTime(), resolvedAt: i.resolvedAt?.getTime() ?? null }));
    const paused = pausedSpans(m, t);
    const createdAt = m.createdAt.getTime();
    const own = page.showAutomaticIncidents ? incidentRows.filter((i) => i.monitorId === m.id) : [];
    const onDay = (day: number): PublicDayIncident[] =>
      own
        .filter((i) => i.startedAt.getTime() < day + DAY && (i.resolvedAt?.getTime() ?? t) > day)
        .sort((a, b) => a.startedAt.getTime() - b.startedAt.getTime())
        .map((i) => ({
          startedAt: i.startedAt.toISOString(),
          resolvedAt: i.resolvedAt?.toISOString() ?? null,
          summary: summaryFor(i.errorClass, i.statusCode),
        }));
    const bars = dailyBars({ now: t, days: 90, createdAt, incidents: spans, paused, rollups: new Map() }).map((b) =>
      b.downtimeMs > 0
        ? { day: b.day, uptime: b.uptime, downtimeMs: b.downtimeMs, incidents: onDay(b.day) }
        : { day: b.day, uptime: b.uptime, downtimeMs: b.downtimeMs },
    );
    const open = spans.some((s) => s.resolvedAt === null);
    const status: PublicMonitorStatus = m.paused
      ? "paused"
      : underMaintenance(m, now)
        ? "maintenance"
        : open || m.status === "down"
          ? "outage"
          : m.status === "up"
            ? "operational"
            : "unknown";
    const pub: PublicMonitor = {
      id: m.id,
      name: m.displayName,
      status,
      uptime90d: computeUptime({ windowStart: t - 90 * DAY, windowEnd: t, now: t, createdAt, incidents: spans, paused }).uptime,
      bars,
    };
    const group = groups.find((g) => g.name === m.groupName);
    if (group) group.monitors.push(pub);
    else groups.push({ name: m.groupName, monitors: [pub] });
  }
  const all = groups.flatMap((g) => g.monitors);
  const down = all.filter((m) => m.status === "outage").length;
  const active = all.filter((m) => m.status !== "paused").length;
  const toPublic = (i: (typeof incidentRows)[number]): PublicIncident => ({
    id: createHash("sha256").update(`incident:${i.id}`).digest("base64url").slice(0, 22),
    monitor: name.get(i.monitorId) ?? "",
    startedAt: i.startedAt.toISOString(),
    resolvedAt: i.resolvedAt?.toISOString() ?? null,
    endedBy: i.resolvedAt === null ? null : i.endedByPause ? "pause" : "recovery",
    summary: summaryFor(i.errorClass, i.statusCode),
  });
  const byNewest = (a: { startedAt: Date }, b: { startedAt: Date }) => b.startedAt.getTime() - a.startedAt.getTime();
  // Automatic incidents linked to a posted one are told under it (communication.*.detected), not again here.
  const { communication, folded } = await loadPublicCommunication(
    db,
    page,
    listed.map((m) => ({ id: m.id, displayName: m.displayName })),
    now,
    page.showAutomaticIncidents ? incidentRows.map((i) => ({ ...i, summary: summaryFor(i.errorClass, i.statusCode) })) : [],
  );
  // The banner never contradicts what people posted: an open critical incident reads as a major outage,
  // a minor or major one at least as a partial one.
  const measured: PublicStatusPage["overall"] = down === 0 ? "operational" : down >= active ? "major" : "partial";
  const posted = communication.openIncidents.map((i) => i.impact);
  const overall = posted.includes("critical")
    ? "major"
    : measured === "operational" && (posted.includes("major") || posted.includes("minor"))
      ? "partial"
      : measured;
  return {
    slug: page.slug,
    title: page.title,
    description: page.description,
    overall,
    groups,
    // showAutomaticIncidents off: only what people posted is shown as incidents.
    activeIncidents: incidentRows
      .filter((i) => page.showAutomaticIncidents && i.resolvedAt === null && !folded.has(i.id))
      .sort(byNewest)
      .map(toPublic),
    communication,
    history: incidentRows
      .filter((i) => page.showAutomaticIncidents && i.resolvedAt !== null && i.resolvedAt.getTime() > t - HISTORY_DAYS * DAY && !folded.has(i.id))
      .sort(byNewest)
      .slice(0, 50)
      .map(toPublic),
    customDomain: page.customDomain,
    branding: {
      theme: page.theme,
      accentColor: page.accentColor,
      bannerText: page.accentColor ? bannerTextColor(page.accentColor) : null,
      logoUrl: page.logoUrl,
      footerLinks: page.footerLinks,
      hidePoweredBy: page.hidePoweredBy,
    },
    generatedAt: now.toISOString(),
  };
}
