"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { dayTicks, formatDateTime, formatTick } from "./format";

const PHASES = [
  { key: "dns", name: "DNS", color: "#0ea5e9" },
  { key: "connect", name: "Connect", color: "#8b5cf6" },
  { key: "tls", name: "TLS", color: "#f59e0b" },
  { key: "ttfb", name: "TTFB", color: "#10b981" },
] as const;

/** Where the time goes: DNS, connect, TLS and time to first byte, stacked (averages over all regions). */
export function BreakdownChart({ points, spanMs }: { points: { t: number; dns: number; connect: number; tls: number; ttfb: number }[]; spanMs: number }) {
  return (
    <div data-testid="breakdown-chart" className="h-48 w-full" role="img" aria-label="Response time breakdown: DNS, connect, TLS, time to first byte">
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 800, height: 192 }}>
        <AreaChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="currentColor" strokeOpacity={0.08} vertical={false} />
          <XAxis
            dataKey="t"
            type="number"
            scale="time"
            domain={["dataMin", "dataMax"]}
            ticks={dayTicks(points, spanMs)}
            tickFormatter={(v) => formatTick(v, spanMs)}
            tick={{ fontSize: 11, fill: "#64748b" }}
            minTickGap={40}
          />
          <YAxis unit=" ms" width={64} tick={{ fontSize: 11, fill: "#64748b" }} />
          <Tooltip labelFormatter={(v) => formatDateTime(Number(v))} formatter={(v, name) => [`${v} ms`, name]} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {PHASES.map((p) => (
            <Area key={p.key} dataKey={p.key} name={p.name} stackId="1" stroke={p.color} fill={p.color} fillOpacity={0.35} isAnimationActive={false} />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
