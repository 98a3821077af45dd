import { computeUptime, type IncidentSpan, type Span } from "./compute";

const DAY = 86_400_000;

export type DayBar = {
  /** UTC midnight of the day, ms. */
  day: number;
  /** null: the monitor did not exist (or was paused) the whole day. */
  uptime: number | null;
  downtimeMs: number;
  checks: number;
  failedChecks: number;
};

/** One bar per UTC day, oldest first, today last; the same arithmetic as every other uptime figure. */
export function dailyBars(input: {
  now: number;
  days: number;
  createdAt: number;
  incidents: IncidentSpan[];
  paused: Span[];
  rollups: Map<number, { checks: number; okChecks: number }>;
}): DayBar[] {
  const today = Math.floor(input.now / DAY) * DAY;
  const bars: DayBar[] = [];
  for (let i = input.days - 1; i >= 0; i--) {
    const day = today - i * DAY;
    const u = computeUptime({
      windowStart: day,
      windowEnd: day + DAY,
      now: input.now,
      createdAt: input.createdAt,
      incidents: input.incidents,
      paused: input.paused,
    });
    const r = input.rollups.get(day);
    bars.push({
      day,
      uptime: u.monitoredMs > 0 ? u.uptime : null,
      downtimeMs: u.downtimeMs,
      checks: r?.checks ?? 0,
      failedChecks: r ? r.checks - r.okChecks : 0,
    });
  }
  return bars;
}

export function barTone(uptime: number | null): "none" | "up" | "minor" | "major" {
  if (uptime === null) return "none";
  if (uptime >= 99.99) return "up";
  if (uptime >= 98) return "minor";
  return "major";
}
