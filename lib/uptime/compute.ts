/**
 * Uptime arithmetic, defined once (docs/architecture.md, "Uptime"): time-weighted from incidents.
 *   monitored = window ∩ [monitor created, now] − paused periods
 *   downtime  = (union of incident intervals [startedAt, resolvedAt ?? now]) ∩ monitored
 *   uptime %  = 100 × (1 − downtime / monitored); 100 when nothing was monitored yet.
 * Pure (times in ms) so dashboard, API and status page share it and it is tested without a database.
 */
export type Span = { start: number; end: number };
export type IncidentSpan = { startedAt: number; resolvedAt: number | null };

export type UptimeInput = {
  windowStart: number;
  windowEnd: number;
  now: number;
  createdAt: number;
  incidents: IncidentSpan[];
  paused?: Span[];
};

export type UptimeFigures = { uptime: number; downtimeMs: number; monitoredMs: number };

/** Sorted, non-overlapping, non-empty spans. */
export function union(spans: Span[]): Span[] {
  const sorted = spans.filter((s) => s.end > s.start).sort((a, b) => a.start - b.start);
  const out: Span[] = [];
  for (const s of sorted) {
    const last = out[out.length - 1];
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else out.push({ ...s });
  }
  return out;
}

/** `base` minus every span of `cut`; both may be unsorted. */
export function subtract(base: Span[], cut: Span[]): Span[] {
  const cuts = union(cut);
  const out: Span[] = [];
  for (const b of union(base)) {
    let start = b.start;
    for (const c of cuts) {
      if (c.end <= start || c.start >= b.end) continue;
      if (c.start > start) out.push({ start, end: c.start });
      start = Math.max(start, c.end);
      if (start >= b.end) break;
    }
    if (start < b.end) out.push({ start, end: b.end });
  }
  return out;
}

export function intersect(a: Span[], b: Span[]): Span[] {
  const out: Span[] = [];
  for (const x of union(a))
    for (const y of union(b)) {
      const start = Math.max(x.start, y.start);
      const end = Math.min(x.end, y.end);
      if (end > start) out.push({ start, end });
    }
  return union(out);
}

export const total = (spans: Span[]) => spans.reduce((n, s) => n + (s.end - s.start), 0);

export function computeUptime(input: UptimeInput): UptimeFigures {
  const start = Math.max(input.windowStart, input.createdAt);
  const end = Math.min(input.windowEnd, input.now);
  const monitored = subtract([{ start, end }], input.paused ?? []);
  const incidents = input.incidents.map((i) => ({ start: i.startedAt, end: i.resolvedAt ?? input.now }));
  const down = intersect(incidents, monitored);
  const monitoredMs = total(monitored);
  const downtimeMs = total(down);
  const uptime = monitoredMs > 0 ? 100 * (1 - downtimeMs / monitoredMs) : 100;
  return { uptime: Math.round(uptime * 1000) / 1000, downtimeMs, monitoredMs };
}

/** Displays never round a down moment up to a perfect record: 99.9996 shows as 99.99, not 100.00. */
export function formatUptime(uptime: number | null, digits = 2): string {
  if (uptime === null) return "—";
  if (uptime >= 100) return "100%";
  const f = 10 ** digits;
  return `${(Math.floor(uptime * f) / f).toFixed(digits)}%`;
}

export const WINDOWS = { "24h": 86_400_000, "7d": 7 * 86_400_000, "30d": 30 * 86_400_000, "90d": 90 * 86_400_000 } as const;
export type UptimeWindow = keyof typeof WINDOWS;
export const WINDOW_NAMES = Object.keys(WINDOWS) as UptimeWindow[];
