import { createHash } from "node:crypto";
import { z } from "zod";
import { CHECK_LANES } from "./connection";

/** A check job: run monitor X from region R for the slot planned at `slot` (epoch ms). */
export const CheckJobData = z.object({
  monitorId: z.string().uuid(),
  region: z.string().regex(/^[a-z0-9-]+$/),
  slot: z.number().int().positive(),
  // "slot": planned by the scheduler; "recheck": another region saw a failure and asks for confirmation;
  // "first": a new or resumed monitor's first check, so it doesn't wait a whole interval;
  // "manual": "Check now" on the monitor page (lib/monitors/check-now.ts), one per region.
  kind: z.enum(["slot", "recheck", "first", "manual"]).default("slot"),
  // Which queue of the region runs it: "browser" for kinds that need Chromium (absent: the default queue).
  lane: z.enum(CHECK_LANES).optional(),
});
export type CheckJobData = z.infer<typeof CheckJobData>;

/**
 * Job ids make a slot idempotent: however many schedulers enqueue (monitor, region, slot), BullMQ
 * keeps one job. Ids may not contain ':' nor be integers; uuids and dashes are fine.
 */
export function checkJobId(d: Pick<CheckJobData, "monitorId" | "region" | "slot" | "kind">): string {
  return `${d.kind}-${d.monitorId}-${d.region}-${d.slot}`;
}

/**
 * Planned slots close together travel as one job (BullMQ job name "batch"): the queue's cost (Redis
 * scripts, locks, events) is paid once per batch instead of once per check, which is most of what a
 * cheap check (TCP, DNS) costs. Each check still starts at its own slot. Only ordinary planned slots
 * of the default lane are batched; re-checks, first checks, "Check now" and browser checks stay alone.
 */
export const BATCH_MAX_CHECKS = 20;
/** The first and last slot of a batch are at most this far apart, so no check waits on its neighbours. */
export const BATCH_SPAN_MS = 250;
export const CHECK_BATCH_JOB = "batch";

export const CheckBatchData = z
  .object({
    region: z.string().regex(/^[a-z0-9-]+$/),
    checks: z.array(CheckJobData).min(1).max(BATCH_MAX_CHECKS),
  })
  .refine(
    (b) => b.checks.every((c) => c.region === b.region && c.kind === "slot" && (c.lane ?? "default") === "default"),
    "a batch holds planned slots of its own region",
  );
export type CheckBatchData = z.infer<typeof CheckBatchData>;

/**
 * A batch's id is derived from its content, so the same slots enqueued twice are one job. Two schedulers
 * that overlap during a failover and cut the slots differently make two jobs: each check then runs twice
 * and is stored once (check_results_slot_once), never lost.
 */
export function checkBatchJobId(b: CheckBatchData): string {
  const digest = createHash("sha256");
  for (const c of b.checks) digest.update(`${c.monitorId}|${c.slot};`);
  return `batch-${b.region}-${b.checks[0].slot}-${digest.digest("hex").slice(0, 24)}`;
}

const batchable = (j: CheckJobData) => j.kind === "slot" && (j.lane ?? "default") === "default";

/**
 * Splits jobs into singles and batches: a region's planned default-lane slots, in slot order, are cut
 * into runs of at most BATCH_MAX_CHECKS spanning at most BATCH_SPAN_MS; a run of one stays a single job.
 */
export function batchCheckJobs(jobs: CheckJobData[]): { singles: CheckJobData[]; batches: CheckBatchData[] } {
  const singles: CheckJobData[] = [];
  const byRegion = new Map<string, CheckJobData[]>();
  for (const j of jobs) {
    if (!batchable(j)) singles.push(j);
    else {
      const list = byRegion.get(j.region);
      if (list) list.push(j);
      else byRegion.set(j.region, [j]);
    }
  }
  const batches: CheckBatchData[] = [];
  for (const [region, list] of byRegion) {
    list.sort((a, b) => a.slot - b.slot);
    let run: CheckJobData[] = [];
    const close = () => {
      if (run.length === 1) singles.push(run[0]);
      else if (run.length > 1) batches.push({ region, checks: run });
      run = [];
    };
    for (const j of list) {
      if (run.length && (run.length >= BATCH_MAX_CHECKS || j.slot - run[0].slot > BATCH_SPAN_MS)) close();
      run.push(j);
    }
    close();
  }
  return { singles, batches };
}

/** The checks a queued job stands for: one, or a batch's; none when the payload is neither. */
export function checksOfJob(name: string, data: unknown): CheckJobData[] {
  if (name === CHECK_BATCH_JOB) {
    const b = CheckBatchData.safeParse(data);
    return b.success ? b.data.checks : [];
  }
  const d = CheckJobData.safeParse(data);
  return d.success ? [d.data] : [];
}
