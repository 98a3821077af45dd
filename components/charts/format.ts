/** Small, locale-stable formatters shared by server and client chart components (UTC, so SSR and browser agree). */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${s % 60 ? ` ${s % 60}s` : ""}`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h}h${m % 60 ? ` ${m % 60}m` : ""}`;
  return `${Math.floor(h / 24)}d ${h % 24}h`;
}

export function formatDay(ms: number): string {
  return new Date(ms).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
}

export function formatDateTime(d: Date | number | string): string {
  return (
    new Date(d).toLocaleString("en-GB", { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "UTC" }) + " UTC"
  );
}

export function formatTick(ms: number, spanMs: number): string {
  const d = new Date(ms);
  if (spanMs <= 2 * 86_400_000) return d.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "UTC" });
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });
}

/** The time axis and milliseconds axis every response-time chart uses (spread into Recharts' XAxis / YAxis). */
export function timeAxisProps(points: { t: number }[], spanMs: number) {
  return {
    dataKey: "t",
    type: "number" as const,
    scale: "time" as const,
    domain: ["dataMin", "dataMax"] as [string, string],
    ticks: dayTicks(points, spanMs),
    tickFormatter: (v: number) => formatTick(v, spanMs),
    tick: { fontSize: 11, fill: "#64748b" },
    minTickGap: 40,
  };
}
export const MS_AXIS_PROPS = { unit: " ms", width: 64, tick: { fontSize: 11, fill: "#64748b" } };

export const REGION_COLORS = ["#2563eb", "#db2777", "#059669", "#d97706", "#7c3aed", "#0891b2"];

/** Tick positions at UTC midnights for ranges of a week and more (every 1, 5 or 15 days), else undefined (auto). */
export function dayTicks(points: { t: number }[], spanMs: number): number[] | undefined {
  if (spanMs < 5 * 86_400_000 || points.length === 0) return undefined;
  const every = spanMs <= 8 * 86_400_000 ? 1 : spanMs <= 31 * 86_400_000 ? 5 : 15;
  const DAY = 86_400_000;
  const first = Math.ceil(points[0].t / DAY) * DAY;
  const last = points[points.length - 1].t;
  const ticks: number[] = [];
  for (let t = first; t <= last; t += every * DAY) ticks.push(t);
  return ticks;
}
