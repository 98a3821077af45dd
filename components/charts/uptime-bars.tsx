import { cn } from "@/components/ui/cn";
import { formatUptime } from "@/lib/uptime/compute";
import { barTone, type DayBar } from "@/lib/uptime/daily";
import { formatDay, formatDuration } from "./format";

const TONE = {
  up: "bg-emerald-500",
  minor: "bg-amber-400",
  major: "bg-red-500",
  none: "bg-slate-200 dark:bg-slate-700",
} as const;

export function barTitle(b: Pick<DayBar, "day" | "uptime" | "downtimeMs" | "checks" | "failedChecks">): string {
  if (b.uptime === null) return `${formatDay(b.day)}: no data`;
  const parts = [`${formatDay(b.day)}: ${formatUptime(b.uptime, 2)} uptime`];
  parts.push(b.downtimeMs > 0 ? `down ${formatDuration(b.downtimeMs)}` : "no downtime");
  if (b.checks > 0) parts.push(`${b.checks.toLocaleString("en-US")} checks${b.failedChecks ? `, ${b.failedChecks} failed` : ""}`);
  return parts.join(" · ");
}

/**
 * The 90-day bar: one bar per UTC day, details in a native tooltip (title), so it works without
 * JavaScript; a visually hidden summary carries the same story for screen readers.
 */
export function UptimeBars({
  bars,
  label,
  noneClass,
  captionClass = "text-slate-500 dark:text-slate-400",
  className,
}: {
  bars: Pick<DayBar, "day" | "uptime" | "downtimeMs" | "checks" | "failedChecks">[];
  label: string;
  noneClass?: string;
  captionClass?: string;
  className?: string;
}) {
  const badDays = bars.filter((b) => b.uptime !== null && b.uptime < 99.99);
  return (
    <div className={className}>
      <p className="sr-only">
        {label}:{" "}
        {badDays.length === 0 ? "no downtime in this period." : `${badDays.length} day(s) with downtime: ${badDays.map((b) => barTitle(b)).join("; ")}.`}
      </p>
      <div aria-hidden className="flex h-8 items-stretch gap-px sm:gap-0.5" data-testid="uptime-bars">
        {bars.map((b) => {
          const tone = barTone(b.uptime);
          return (
            <div
              key={b.day}
              title={barTitle(b)}
              data-tone={tone}
              className={cn("min-w-0 flex-1 rounded-[2px] transition-opacity hover:opacity-70", tone === "none" && noneClass ? noneClass : TONE[tone])}
            />
          );
        })}
      </div>
      <div aria-hidden className={cn("mt-1.5 flex justify-between text-xs", captionClass)}>
        <span>{bars.length} days ago</span>
        <span>Today</span>
      </div>
    </div>
  );
}
