"use client";

import { Area, AreaChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { BreakdownPoint } from "@/lib/rollups/series";
import type { TimingPhase } from "@/lib/results/types";
import { formatDateTime, MS_AXIS_PROPS, timeAxisProps } from "./format";

const PHASES: Record<TimingPhase, { name: string; label: string; color: string }> = {
  dns: { name: "DNS", label: "DNS", color: "#0ea5e9" },
  connect: { name: "Connect", label: "connect", color: "#8b5cf6" },
  tls: { name: "TLS", label: "TLS", color: "#f59e0b" },
  // The band is the wait after TLS (lib/rollups/series.ts), so the stack's top is the time to first byte.
  ttfb: { name: "Wait (TTFB)", label: "waiting for the first byte", color: "#10b981" },
};

/**
 * Where the time goes, stacked (averages over all regions): only the phases the monitor's kind times
 * (MonitorKind.timings), so a TCP monitor shows no TLS or TTFB.
 */
export function BreakdownChart({ points, phases, spanMs }: { points: BreakdownPoint[]; phases: readonly TimingPhase[]; spanMs: number }) {
  return (
    <div
      data-testid="breakdown-chart"
      className="h-48 w-full"
      role="img"
      aria-label={`Response time breakdown: ${phases.map((p) => PHASES[p].label).join(", ")}`}
    >
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 800, height: 192 }}>
        <AreaChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="currentColor" strokeOpacity={0.08} vertical={false} />
          <XAxis {...timeAxisProps(points, spanMs)} />
          <YAxis {...MS_AXIS_PROPS} />
          <Tooltip labelFormatter={(v) => formatDateTime(Number(v))} formatter={(v, name) => [`${v} ms`, name]} />
          {/* In the order the phases happen (Recharts sorts by name otherwise). */}
          <Legend wrapperStyle={{ fontSize: 12 }} itemSorter={(item) => phases.indexOf(item.dataKey as TimingPhase)} />
          {phases.map((key) => (
            <Area
              key={key}
              dataKey={key}
              name={PHASES[key].name}
              stackId="1"
              stroke={PHASES[key].color}
              fill={PHASES[key].color}
              fillOpacity={0.35}
              isAnimationActive={false}
            />
          ))}
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
