"use client";

import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDateTime } from "./format";

/** Heartbeat run durations (pings that reported one), oldest first. */
export function DurationChart({ runs }: { runs: { t: number; durationMs: number; ok: boolean }[] }) {
  return (
    <div data-testid="duration-chart" className="h-40 w-full" role="img" aria-label="Run durations of the last heartbeat pings">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 800, height: 160 }}>
        <BarChart data={runs.map((r) => ({ ...r, seconds: Math.round(r.durationMs / 100) / 10 }))} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="currentColor" strokeOpacity={0.08} vertical={false} />
          <XAxis dataKey="t" tickFormatter={() => ""} tick={false} />
          <YAxis unit=" s" width={56} tick={{ fontSize: 11, fill: "#64748b" }} />
          <Tooltip labelFormatter={(v) => formatDateTime(Number(v))} formatter={(v) => [`${v} s`, "Duration"]} />
          <Bar dataKey="seconds" fill="#6366f1" isAnimationActive={false} />
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
