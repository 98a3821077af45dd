import { formatDateTime, formatDuration } from "@/components/charts/format";
import { formatUptime } from "@/lib/uptime/compute";
import { barTone } from "@/lib/uptime/daily";

type Bar = { day: number; uptime: number | null; downtimeMs: number; incidents?: { startedAt: string; resolvedAt: string | null; summary: string }[] };
const TONE_CLASS = { up: "u", minor: "m", major: "x", none: "n" } as const;

const dayLabel = (ms: number) => new Date(ms).toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

function title(b: Bar): string {
  if (b.uptime === null) return `${dayLabel(b.day)}: no data`;
  return `${dayLabel(b.day)}: ${formatUptime(b.uptime)}${b.downtimeMs > 0 ? `, down ${formatDuration(b.downtimeMs)}` : ""}`;
}

/** Consecutive days that need no detail of their own (no downtime, or no data) become one run. */
function runs(bars: Bar[]): { bars: Bar[]; tone: keyof typeof TONE_CLASS }[] {
  const out: { bars: Bar[]; tone: keyof typeof TONE_CLASS }[] = [];
  for (const b of bars) {
    const tone = barTone(b.uptime);
    const last = out[out.length - 1];
    if (last && last.tone === tone && (tone === "up" || tone === "none") && b.downtimeMs === 0 && last.bars[0].downtimeMs === 0) last.bars.push(b);
    else out.push({ bars: [b], tone });
  }
  return out;
}

/**
 * The public page's 90-day bar. It is repeated for every listed monitor and served thousands of times a
 * second, so it is kept small: a 90-column grid where a run of quiet days is ONE element spanning n
 * columns, drawn as n bars by a repeating background (status.css); days with downtime keep their own
 * element, a <details> whose summary is the bar: clicking or tapping it opens that day's downtime and incidents
 * (no JavaScript). Quiet runs keep native tooltips (title); a text summary for screen readers.
 */
export function DayBars({ bars, label }: { bars: Bar[]; label: string }) {
  const bad = bars.filter((b) => b.uptime !== null && b.uptime < 99.99);
  return (
    <div>
      <p className="sr-only">
        {label}: {bad.length === 0 ? "no downtime in this period." : `${bad.length} day(s) with downtime: ${bad.map(title).join("; ")}.`}
      </p>
      <div className="spb" style={{ gridTemplateColumns: `repeat(${bars.length}, minmax(0, 1fr))` }} data-testid="uptime-bars">
        {runs(bars).map((r) => {
          const n = r.bars.length;
          const first = r.bars[0];
          if (n === 1 && first.downtimeMs > 0) return <DayDetails key={first.day} bar={first} tone={TONE_CLASS[r.tone]} />;
          const text =
            n === 1 ? title(first) : `${dayLabel(first.day)} – ${dayLabel(r.bars[n - 1].day)}: ${r.tone === "none" ? "no data" : "100%, no downtime"}`;
          return (
            <span
              key={first.day}
              aria-hidden
              className={TONE_CLASS[r.tone]}
              data-tone={r.tone}
              title={text}
              style={n > 1 ? { gridColumn: `span ${n}`, backgroundSize: `calc((100% + var(--g)) / ${n}) 100%` } : undefined}
            />
          );
        })}
      </div>
      <div aria-hidden className="sp-muted mt-1.5 flex justify-between text-xs">
        <span>{bars.length} days ago</span>
        <span>Today</span>
      </div>
    </div>
  );
}

/** One day with downtime: the bar is the summary; opened, it lists the day's incidents (times in UTC). */
function DayDetails({ bar, tone }: { bar: Bar; tone: string }) {
  const incidents = bar.incidents ?? [];
  return (
    <details className={tone} data-testid="day-details">
      <summary title={title(bar)} aria-label={`${title(bar)}: show details`} />
      <div className="spb-day" data-testid="day-details-panel">
        <p className="font-medium">
          {dayLabel(bar.day)} · down {formatDuration(bar.downtimeMs)}
          {bar.uptime !== null ? ` · ${formatUptime(bar.uptime)} uptime` : ""}
        </p>
        {incidents.length > 0 && (
          <ul className="mt-1 space-y-1">
            {incidents.map((i, n) => (
              <li key={n} className="sp-muted">
                {formatDateTime(i.startedAt)} → {i.resolvedAt ? formatDateTime(i.resolvedAt) : "ongoing"}: {i.summary}
              </li>
            ))}
          </ul>
        )}
      </div>
    </details>
  );
}
