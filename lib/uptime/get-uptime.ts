import { verb } from "../context";
import { NotFoundError } from "../errors";
import { computeUptime, WINDOWS, type UptimeWindow } from "./compute";
import { countChecks, loadIncidentSpans, loadMonitorFacts } from "./load";
import { pausedSpans } from "./paused";

export type UptimeResult = { uptime: number; checks: number; downtimeSeconds: number };

export const granularityFor = (w: UptimeWindow): "hour" | "day" => (w === "24h" || w === "7d" ? "hour" : "day");

/** GET /monitors/{id}/uptime and the dashboard's figures: another workspace's monitor is NotFound. */
export const getMonitorUptime = verb("viewer", async (ctx, input: { monitorId: string; window: UptimeWindow; now?: Date }): Promise<UptimeResult> => {
  const { db } = ctx;
  const m = await loadMonitorFacts(ctx, input.monitorId);
  if (!m) throw new NotFoundError("Monitor");
  const now = input.now ?? new Date();
  const since = new Date(now.getTime() - WINDOWS[input.window]);
  const [spans, checks] = await Promise.all([loadIncidentSpans(db, [m.id], since, now), countChecks(db, [m.id], since, granularityFor(input.window))]);
  const u = computeUptime({
    windowStart: since.getTime(),
    windowEnd: now.getTime(),
    now: now.getTime(),
    createdAt: m.createdAt.getTime(),
    incidents: spans.get(m.id) ?? [],
    paused: pausedSpans(m, now.getTime()),
  });
  return { uptime: u.uptime, checks: checks.get(m.id) ?? 0, downtimeSeconds: Math.round(u.downtimeMs / 1000) };
});
