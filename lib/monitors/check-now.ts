import { and, eq, gte } from "drizzle-orm";
import { verb } from "../context";
import { checkResults, type CheckResult } from "../db/schema";
import { env } from "../env";
import { ValidationError } from "../errors";
import { monitorRegions } from "../incidents/evaluate";
import type { CheckJobData } from "../queue/check-jobs";
import type { CheckLane } from "../queue/connection";
import { getMonitorOrThrow } from "./get-monitor";
import { kindOfRow } from "./kinds/registry";

/** Where the jobs go: the region queues (CheckQueues in production; a test passes its own). */
export type CheckNowQueue = { enqueue(jobs: CheckJobData[]): Promise<void> };

let shared: Promise<CheckNowQueue> | null = null;
/** One producer per web process, made on first use (lib/queue holds the BullMQ side). */
function sharedQueue(): Promise<CheckNowQueue> {
  shared ??= import("../queue/check-queues").then(({ CheckQueues }) => new CheckQueues());
  return shared;
}

export type CheckNowRun = { requestedAt: Date; regions: string[] };

/**
 * "Check now": one check of the monitor in every one of its regions at once, on the region queues like
 * any other check (kind "manual": its own job id, never a scheduled slot's; the result is written, and
 * may open or resolve an incident, like any other). Checked kinds only; a paused monitor isn't checked.
 */
export const checkNow = verb("editor", async (ctx, id: string, queue?: CheckNowQueue): Promise<CheckNowRun> => {
  const m = await getMonitorOrThrow(ctx, id);
  const kind = kindOfRow(m);
  if (!kind.checked)
    throw new ValidationError(`${kind.label} monitors are checked when they are pinged`, {
      _: `${kind.label} monitors are checked when they are pinged, not by Vigil`,
    });
  if (m.paused) throw new ValidationError("Resume the monitor to check it", { _: "Resume the monitor to check it" });
  const regions = monitorRegions(m, env.REGIONS);
  const requestedAt = new Date();
  const lane = (kind as { lane?: CheckLane }).lane;
  const jobs = regions.map((region): CheckJobData => ({
    monitorId: m.id,
    region,
    slot: requestedAt.getTime(),
    kind: "manual",
    ...(lane && lane !== "default" ? { lane } : {}),
  }));
  await (queue ?? (await sharedQueue())).enqueue(jobs);
  return { requestedAt, regions };
});

/** The first result per region since the run was requested (what "Check now" shows). */
export const checksSince = verb("viewer", async (ctx, id: string, since: Date): Promise<CheckResult[]> => {
  await getMonitorOrThrow(ctx, id);
  const rows = await ctx.db
    .select()
    .from(checkResults)
    .where(and(eq(checkResults.monitorId, id), gte(checkResults.startedAt, since)))
    .orderBy(checkResults.startedAt)
    .limit(100);
  const firstPerRegion = new Map<string, CheckResult>();
  for (const r of rows) if (!firstPerRegion.has(r.region)) firstPerRegion.set(r.region, r);
  return [...firstPerRegion.values()];
});

/** Waits (polling the newest rows, up to `timeoutMs`) until every region has a result; returns what came. */
export async function waitForCheckNow(ctx: Parameters<typeof checksSince>[0], id: string, run: CheckNowRun, timeoutMs: number): Promise<CheckResult[]> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const found = await checksSince(ctx, id, run.requestedAt);
    if (found.length >= run.regions.length || Date.now() >= end) return found;
    await new Promise((r) => setTimeout(r, 250));
  }
}
