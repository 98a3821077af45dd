import { formatDateTime } from "@/components/charts/format";
import type { LinkableIncident } from "@/lib/status-pages/incidents/references";

/** "Checkout · detected 1 Dec, 12:01, ongoing": what the editor reads for an automatic incident (server and client). */
export function linkableLabel(i: LinkableIncident): string {
  return `${i.service} · detected ${formatDateTime(i.startedAt)}${i.resolvedAt ? `, recovered ${formatDateTime(i.resolvedAt)}` : ", ongoing"}`;
}
