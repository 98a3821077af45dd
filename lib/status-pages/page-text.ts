/**
 * Small text rules of the public page, kept pure so they are tested without rendering.
 */

/** The <title>: "Acme status", never "Acme status status" when the page is already called that. */
export function statusPageTitle(title: string): string {
  const base = title
    .trim()
    .replace(/[\s\-–—:|·]*\bstatus\s*$/i, "")
    .trim();
  return base ? `${base} status` : "Status";
}

const STALE_SLOT = /<p id="sp-stale"(?: data-at="([^"]*)")? hidden="">\s*<\/p>/;

/**
 * What the web server's response cache sends instead of a stored page while the database is unreachable
 * (lib/http/response-cache.ts `labelStale`): the same HTML with its empty notice slot filled in, saying how old
 * the status is. The slot carries the time the page's data was read; the copy's storage time is the fallback.
 */
export function labelStaleStatusPage(body: Buffer, contentType: string, storedAt: number): Buffer {
  if (!contentType.startsWith("text/html")) return body;
  const html = body.toString("utf8");
  const m = STALE_SLOT.exec(html);
  if (!m) return body;
  const at = m[1] && !Number.isNaN(Date.parse(m[1])) ? new Date(m[1]) : new Date(storedAt);
  const hhmm = at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
  const notice = `<p id="sp-stale" class="sp-stale" role="status" data-testid="stale-notice">Status as of ${hhmm} UTC — live data temporarily unavailable</p>`;
  return Buffer.from(html.slice(0, m.index) + notice + html.slice(m.index + m[0].length), "utf8");
}
