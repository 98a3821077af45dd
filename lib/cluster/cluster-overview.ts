import { verb } from "../context";
import { getQueueOverview, listFailedJobs, type FailedCheckJob, type QueueOverview } from "../queue/inspect";
import { listInstances, type InstanceView } from "./instances";

/** Above this p95 schedule lag a region is falling behind: the admin sees a warning. */
export const LAG_WARNING_MS = 5_000;

/** A region's health; `queues` has its default lane first, then its browser lane (empty when Redis couldn't be read). */
export type RegionHealth = {
  region: string;
  lagP95Ms: number | null;
  lagging: boolean;
  liveInstances: number;
  /** Live workers that run the browser lane (WORKER_BROWSER=true, reported in their heartbeat). */
  liveBrowserInstances: number;
  /** Browser jobs wait (waiting or delayed) and no live worker of the region would ever take them. */
  browserUnserved: boolean;
  /** Checks its live workers ran in the last minute (a queue job may hold a batch of checks, so queue counts are jobs). */
  checksPerMinute: number;
  queues: QueueOverview[];
};

export type ClusterOverview = {
  instances: InstanceView[];
  regions: RegionHealth[];
  failedJobs: FailedCheckJob[];
  queueError: string | null;
};

/** Everything the admin Cluster page shows (operators only); queue trouble (Redis down) is reported, not thrown. */
export const getClusterOverview = verb("operator", async (ctx, configuredRegions: string[]): Promise<ClusterOverview> => {
  const instances = await listInstances(ctx.db);
  const names = [...new Set([...configuredRegions, ...instances.map((i) => i.region)])].sort();
  let queues: QueueOverview[] = [];
  let failedJobs: FailedCheckJob[] = [];
  let queueError: string | null = null;
  try {
    [queues, failedJobs] = await Promise.race([
      Promise.all([getQueueOverview(names), listFailedJobs(names)]),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out")), 3_000)),
    ]);
  } catch {
    queueError = "The queues could not be read (Redis unreachable?)";
  }
  const regions = names.map((region): RegionHealth => {
    const live = instances.filter((i) => i.region === region && !i.stale);
    const lags = live.map((i) => i.stats?.lagP95Ms).filter((v): v is number => typeof v === "number");
    const lagP95Ms = lags.length ? Math.max(...lags) : null;
    const regionQueues = queues.filter((q) => q.region === region);
    const browserQueue = regionQueues.find((q) => q.lane === "browser");
    const liveBrowserInstances = live.filter((i) => i.stats?.browser === true).length;
    return {
      region,
      lagP95Ms,
      lagging: lagP95Ms !== null && lagP95Ms > LAG_WARNING_MS,
      liveInstances: live.length,
      liveBrowserInstances,
      browserUnserved: liveBrowserInstances === 0 && !!browserQueue && browserQueue.counts.waiting + browserQueue.counts.delayed > 0,
      checksPerMinute: live.reduce((sum, i) => sum + (i.stats?.checksPerMinute ?? 0), 0),
      queues: regionQueues,
    };
  });
  return { instances, regions, failedJobs, queueError };
});
