"use client";

import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatDateTime, MS_AXIS_PROPS, REGION_COLORS, timeAxisProps } from "./format";

type Point = { t: number } & Record<string, number | null>;

/** Average response time, one line per region. */
export function LatencyChart({ points, regions, spanMs }: { points: Point[]; regions: string[]; spanMs: number }) {
  return (
    <div data-testid="latency-chart" className="h-64 w-full" role="img" aria-label={`Response time by region: ${regions.join(", ")}`}>
      <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 800, height: 256 }}>
        <LineChart data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="currentColor" strokeOpacity={0.08} vertical={false} />
          <XAxis {...timeAxisProps(points, spanMs)} />
          <YAxis {...MS_AXIS_PROPS} />
          <Tooltip labelFormatter={(v) => formatDateTime(Number(v))} formatter={(v) => [`${v} ms`]} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {regions.map((r, i) => (
            <Line
              key={r}
              dataKey={r}
              name={r}
              stroke={REGION_COLORS[i % REGION_COLORS.length]}
              dot={points.length < 30 ? { r: 2.5 } : false}
              strokeWidth={1.75}
              connectNulls={false}
              isAnimationActive={false}
            />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
