/**
 * A tiny response-time sparkline (pure SVG, server-rendered, no JS): gaps (null) break the line.
 * Values come from getOverviewStats (last 24 hourly averages).
 */
export function Sparkline({
  values,
  width = 96,
  height = 24,
  label,
  className,
}: {
  values: (number | null)[];
  width?: number;
  height?: number;
  label?: string;
  className?: string;
}) {
  const nums = values.filter((v): v is number => v !== null);
  if (nums.length === 0) {
    return (
      <svg width={width} height={height} className={className} role="img" aria-label={label ?? "No response time data yet"} data-testid="sparkline">
        <line x1="0" x2={width} y1={height - 1} y2={height - 1} stroke="currentColor" strokeOpacity={0.2} strokeDasharray="2 3" />
      </svg>
    );
  }
  const max = Math.max(...nums);
  const min = Math.min(...nums);
  const span = max - min || 1;
  const stepX = values.length > 1 ? width / (values.length - 1) : 0;
  const y = (v: number) => height - 2 - ((v - min) / span) * (height - 4);
  const segments: string[] = [];
  let current: string[] = [];
  values.forEach((v, i) => {
    if (v === null) {
      if (current.length) segments.push(current.join(" "));
      current = [];
    } else current.push(`${(i * stepX).toFixed(1)},${y(v).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(" "));
  const last = nums[nums.length - 1];
  return (
    <svg
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      className={className}
      role="img"
      aria-label={label ?? `Response time, last 24 hours: ${min}–${max} ms, latest ${last} ms`}
      data-testid="sparkline"
    >
      {segments.map((pts, i) =>
        pts.includes(" ") ? (
          <polyline key={i} points={pts} fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinejoin="round" strokeLinecap="round" />
        ) : (
          <circle key={i} cx={pts.split(",")[0]} cy={pts.split(",")[1]} r={1.5} fill="currentColor" />
        ),
      )}
    </svg>
  );
}
