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
