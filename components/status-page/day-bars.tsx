import { formatDuration } from "@/components/charts/format";
import { formatUptime } from "@/lib/uptime/compute";
import { barTone } from "@/lib/uptime/daily";

type Bar = { day: number; uptime: number | null; downtimeMs: number };
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
 * element and tooltip. Details are native tooltips (title), so no JavaScript; a text summary for screen readers.
 */
export function DayBars({ bars, label }: { bars: Bar[]; label: string }) {
  const bad = bars.filter((b) => b.uptime !== null && b.uptime < 99.99);
  return (
    <div>
      <p className="sr-only">{label}: {bad.length === 0 ? "no downtime in this period." : `${bad.length} day(s) with downtime: ${bad.map(title).join("; ")}.`}</p>
      <div aria-hidden className="spb" style={{ gridTemplateColumns: `repeat(${bars.length}, minmax(0, 1fr))` }} data-testid="uptime-bars">
        {runs(bars).map((r) => {
          const n = r.bars.length;
          const first = r.bars[0];
          const text = n === 1 ? title(first) : `${dayLabel(first.day)} – ${dayLabel(r.bars[n - 1].day)}: ${r.tone === "none" ? "no data" : "100%, no downtime"}`;
          return <span key={first.day} className={TONE_CLASS[r.tone]} data-tone={r.tone} title={text} style={n > 1 ? { gridColumn: `span ${n}`, backgroundSize: `calc((100% + var(--g)) / ${n}) 100%` } : undefined} />;
        })}
      </div>
      <div aria-hidden className="sp-muted mt-1.5 flex justify-between text-xs"><span>{bars.length} days ago</span><span>Today</span></div>
    </div>
  );
}
