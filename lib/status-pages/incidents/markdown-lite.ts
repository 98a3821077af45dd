/**
 * Markdown-lite for incident messages: paragraphs (blank line), line breaks, "- " / "* " / "1. " lists and
 * [text](url) links. Everything else is text. Safe by construction: every piece of input is HTML-escaped,
 * and the only markup is what this function writes itself; a link is kept only for http(s) and mailto URLs
 * (anything else, javascript: included, stays as plain text) and carries rel="nofollow noopener".
 */
const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

const LINK = /\[([^\]\n]{1,300})\]\(((?:[^()\s]|\([^()\s]*\)){1,2000})\)/g;
const BULLET = /^\s*[-*]\s+(.*)$/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+(.*)$/;

export function safeHref(raw: string): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  return url.protocol === "http:" || url.protocol === "https:" || url.protocol === "mailto:" ? url.href : null;
}

function inline(text: string): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(LINK)) {
    out += escapeHtml(text.slice(last, m.index));
    const href = safeHref(m[2]);
    out += href ? `<a href="${escapeHtml(href)}" rel="nofollow noopener">${escapeHtml(m[1])}</a>` : escapeHtml(m[0]);
    last = m.index! + m[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

export function renderMarkdownLite(source: string): string {
  const blocks = source
    .replace(/\r\n?/g, "\n")
    .trim()
    .split(/\n\s*\n/);
  const html: string[] = [];
  for (const block of blocks) {
    const lines = block.split("\n").filter((l) => l.trim() !== "");
    if (lines.length === 0) continue;
    const kind = lines.every((l) => BULLET.test(l)) ? "ul" : lines.every((l) => NUMBERED.test(l)) ? "ol" : null;
    if (kind) {
      const re = kind === "ul" ? BULLET : NUMBERED;
      html.push(`<${kind}>${lines.map((l) => `<li>${inline(re.exec(l)![1])}</li>`).join("")}</${kind}>`);
    } else {
      html.push(`<p>${lines.map((l) => inline(l.trim())).join("<br>")}</p>`);
    }
  }
  return html.join("\n");
}

/** The same message as plain text for emails: links become "text (url)". */
export function markdownLiteToText(source: string): string {
  return source.replace(LINK, (_all, text: string, url: string) => (safeHref(url) ? `${text} (${url})` : `${text}`)).trim();
}
