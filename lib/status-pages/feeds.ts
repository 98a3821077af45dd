import { createHash } from "node:crypto";
import type { PublicIncident, PublicStatusPage } from "./public";
import type { PublicCommunication, PublicMaintenance, PublicPostedIncident } from "./public-communication";
import { statusPageTitle } from "./page-text";

/**
 * RSS 2.0 and Atom 1.0 feeds of a public status page, built from the same allow-listed DTO as the page.
 * Entries are the page's incidents (automatic ones, ongoing and the last 14 days; incidents people posted;
 * maintenance announced for the next 7 days). Ids are stable per entry, so readers show an incident once and
 * update it when it resolves.
 */
export type FeedEntry = { id: string; title: string; summary: string; published: Date; updated: Date; link: string };

const esc = (s: string) =>
  s
    // Characters XML 1.0 does not allow at all (control characters other than tab, newline, return).
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;");

const rfc822 = (d: Date) => d.toUTCString(); // "Tue, 01 Dec 2026 21:20:26 GMT"
const rfc3339 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, "Z");

function incidentEntry(i: PublicIncident, pageUrl: string): FeedEntry {
  const started = new Date(i.startedAt);
  const resolved = i.resolvedAt ? new Date(i.resolvedAt) : null;
  const state = !resolved ? "Ongoing" : i.endedBy === "pause" ? "Monitoring paused" : "Resolved";
  const when = resolved ? `from ${rfc3339(started)} to ${rfc3339(resolved)}` : `since ${rfc3339(started)}`;
  return {
    id: i.id,
    title: `${state}: ${i.monitor} — ${i.summary}`,
    summary: `${i.monitor}: ${i.summary}, ${when}.`,
    published: started,
    updated: resolved ?? started,
    link: pageUrl,
  };
}

const STATUS_LABEL: Record<PublicPostedIncident["status"], string> = {
  investigating: "Investigating",
  identified: "Identified",
  monitoring: "Monitoring",
  resolved: "Resolved",
};
const plainText = (html: string) =>
  html
    .replace(/<[^>]*>/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&")
    .replace(/\s+/g, " ")
    .trim();

function postedEntry(i: PublicPostedIncident, pageUrl: string): FeedEntry {
  const latest = i.updates[0];
  const services = i.services.length ? ` (${i.services.join(", ")})` : "";
  return {
    id: `posted-${i.id}`,
    title: `${STATUS_LABEL[i.status]}: ${i.title}`,
    summary: `${latest ? plainText(latest.html) : i.title}${services}`,
    published: new Date(i.createdAt),
    updated: new Date(latest?.createdAt ?? i.createdAt),
    link: pageUrl,
  };
}

function maintenanceEntry(m: PublicMaintenance, pageUrl: string): FeedEntry {
  const starts = new Date(m.startsAt);
  const services = m.services.length ? ` for ${m.services.join(", ")}` : "";
  return {
    id: `maintenance-${createHash("sha256").update(`${m.title}|${m.startsAt}`).digest("base64url").slice(0, 22)}`,
    title: `${m.active ? "Maintenance in progress" : "Scheduled maintenance"}: ${m.title}`,
    summary: `${m.description ? `${m.description} ` : ""}From ${rfc3339(starts)} to ${rfc3339(new Date(m.endsAt))}${services}.`,
    published: starts,
    updated: starts,
    link: pageUrl,
  };
}

/** Newest first: what a feed reader lists. */
export function feedEntries(page: PublicStatusPage, pageUrl: string): FeedEntry[] {
  // Posted incidents and maintenance arrive with the page's communication (absent in older cached copies).
  const c = (page as PublicStatusPage & { communication?: PublicCommunication }).communication;
  return [
    ...[...page.activeIncidents, ...page.history].map((i) => incidentEntry(i, pageUrl)),
    ...[...(c?.openIncidents ?? []), ...(c?.recentIncidents ?? [])].map((i) => postedEntry(i, pageUrl)),
    ...(c?.maintenance ?? []).map((m) => maintenanceEntry(m, pageUrl)),
  ].sort((a, b) => b.updated.getTime() - a.updated.getTime());
}

const entryUrn = (page: PublicStatusPage, id: string) => `urn:vigil:status:${page.slug}:${id}`;

/** `baseUrl`: the origin the page is served on (APP_URL, or its custom domain). */
export function statusPageRss(page: PublicStatusPage, baseUrl: string): string {
  const pageUrl = `${baseUrl}/status/${page.slug}`;
  const entries = feedEntries(page, pageUrl);
  const title = statusPageTitle(page.title);
  const items = entries
    .map(
      (e) => `    <item>
      <title>${esc(e.title)}</title>
      <link>${esc(e.link)}</link>
      <description>${esc(e.summary)}</description>
      <guid isPermaLink="false">${esc(entryUrn(page, e.id))}</guid>
      <pubDate>${rfc822(e.published)}</pubDate>
    </item>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>${esc(title)}</title>
    <link>${esc(pageUrl)}</link>
    <description>${esc(page.description || `Incidents on ${title}`)}</description>
    <atom:link href="${esc(`${pageUrl}/feed.rss`)}" rel="self" type="application/rss+xml"/>
    <lastBuildDate>${rfc822(new Date(page.generatedAt))}</lastBuildDate>
    <ttl>1</ttl>
    <generator>Vigil</generator>
${items}
  </channel>
</rss>
`;
}

export function statusPageAtom(page: PublicStatusPage, baseUrl: string): string {
  const pageUrl = `${baseUrl}/status/${page.slug}`;
  const entries = feedEntries(page, pageUrl);
  const title = statusPageTitle(page.title);
  // A feed's <updated> is its newest entry's (or the build time when it has none): readers use it to skip work.
  const updated = entries[0]?.updated ?? new Date(page.generatedAt);
  const items = entries
    .map(
      (e) => `  <entry>
    <id>${esc(entryUrn(page, e.id))}</id>
    <title>${esc(e.title)}</title>
    <link rel="alternate" type="text/html" href="${esc(e.link)}"/>
    <published>${rfc3339(e.published)}</published>
    <updated>${rfc3339(e.updated)}</updated>
    <summary>${esc(e.summary)}</summary>
  </entry>`,
    )
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>${esc(`urn:vigil:status:${page.slug}`)}</id>
  <title>${esc(title)}</title>
${page.description ? `  <subtitle>${esc(page.description)}</subtitle>\n` : ""}  <link rel="self" type="application/atom+xml" href="${esc(`${pageUrl}/feed.atom`)}"/>
  <link rel="alternate" type="text/html" href="${esc(pageUrl)}"/>
  <updated>${rfc3339(updated)}</updated>
  <author><name>${esc(page.title)}</name></author>
  <generator>Vigil</generator>
${items}
</feed>
`;
}
