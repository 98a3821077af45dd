import { CheckStats } from "./check-stats";

export type QueueDepth = { region: string; lane: string; counts: Record<string, number> };

const esc = (v: string) => v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");

/** Prometheus text exposition (format 0.0.4) of the worker's check stats, queue depth and process. */
export function renderMetrics(input: {
  stats: CheckStats[];
  queues: QueueDepth[];
  process: { cpuPercent: number; rssBytes: number; heapUsedBytes: number };
  instance: string;
  now?: number;
}): string {
  const out: string[] = [];
  const metric = (name: string, type: string, help: string, rows: [Record<string, string>, number][]) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of rows) {
      const l = Object.entries({ instance: input.instance, ...labels })
        .map(([k, v]) => `${k}="${esc(v)}"`)
        .join(",");
      out.push(`${name}{${l}} ${Number.isFinite(value) ? value : 0}`);
    }
  };
  const s = input.stats.map((st) => ({ st, sum: st.summary(input.now) }));
  metric(
    "vigil_checks_total",
    "counter",
    "Checks completed by this worker.",
    s.map(({ st }) => [{ region: st.region }, st.processed]),
  );
  metric(
    "vigil_checks_failed_total",
    "counter",
    "Checks whose target failed.",
    s.map(({ st }) => [{ region: st.region }, st.checksFailed]),
  );
  metric(
    "vigil_check_jobs_errored_total",
    "counter",
    "Check jobs that threw (infrastructure errors).",
    s.map(({ st }) => [{ region: st.region }, st.failed]),
  );
  metric(
    "vigil_schedule_lag_seconds",
    "gauge",
    "Job start minus planned slot over the last minute.",
    s.flatMap(({ st, sum }) => [
      [{ region: st.region, quantile: "0.5" }, sum.lagP50Ms / 1000],
      [{ region: st.region, quantile: "0.95" }, sum.lagP95Ms / 1000],
    ]),
  );
  out.push("# HELP vigil_check_duration_seconds Check duration.", "# TYPE vigil_check_duration_seconds histogram");
  for (const { st } of s) {
    const base = `instance="${esc(input.instance)}",region="${esc(st.region)}"`;
    CheckStats.BUCKETS.forEach((b, i) => out.push(`vigil_check_duration_seconds_bucket{${base},le="${b}"} ${st.buckets[i]}`));
    out.push(`vigil_check_duration_seconds_bucket{${base},le="+Inf"} ${st.processed}`);
    out.push(`vigil_check_duration_seconds_sum{${base}} ${st.durationSumMs / 1000}`);
    out.push(`vigil_check_duration_seconds_count{${base}} ${st.processed}`);
  }
  metric(
    "vigil_queue_jobs",
    "gauge",
    "Jobs in the region's check queues by lane (default, browser) and state.",
    input.queues.flatMap((q) =>
      Object.entries(q.counts).map(([state, n]) => [{ region: q.region, lane: q.lane, state }, n] as [Record<string, string>, number]),
    ),
  );
  metric("vigil_process_cpu_percent", "gauge", "CPU use of the worker process (% of one core).", [[{}, input.process.cpuPercent]]);
  metric("vigil_process_resident_memory_bytes", "gauge", "Resident memory of the worker process.", [[{}, input.process.rssBytes]]);
  metric("vigil_process_heap_used_bytes", "gauge", "V8 heap in use.", [[{}, input.process.heapUsedBytes]]);
  return out.join("\n") + "\n";
}
