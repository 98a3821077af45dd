import { formatUptime } from "../uptime/compute";

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
// Rough Verdana 11px advance; good enough for a badge's box.
const width = (s: string) => Math.round(s.length * 6.6 + 12);

/** A shields-style SVG badge: "<name> | 99.98%", coloured by the 90-day uptime. */
export function uptimeBadgeSvg(label: string, uptime: number): string {
  const value = formatUptime(uptime, 2);
  const color = uptime >= 99.9 ? "#059669" : uptime >= 99 ? "#65a30d" : uptime >= 95 ? "#d97706" : "#dc2626";
  const lw = width(label);
  const vw = width(value);
  const total = lw + vw;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${total}" height="20" role="img" aria-label="${esc(label)}: ${esc(value)}"><title>${esc(label)}: ${esc(value)} uptime (90 days)</title><linearGradient id="s" x2="0" y2="100%"><stop offset="0" stop-color="#bbb" stop-opacity=".1"/><stop offset="1" stop-opacity=".1"/></linearGradient><clipPath id="r"><rect width="${total}" height="20" rx="3" fill="#fff"/></clipPath><g clip-path="url(#r)"><rect width="${lw}" height="20" fill="#555"/><rect x="${lw}" width="${vw}" height="20" fill="${color}"/><rect width="${total}" height="20" fill="url(#s)"/></g><g fill="#fff" text-anchor="middle" font-family="Verdana,Geneva,DejaVu Sans,sans-serif" font-size="11"><text x="${lw / 2}" y="14">${esc(label)}</text><text x="${lw + vw / 2}" y="14">${esc(value)}</text></g></svg>`;
}
