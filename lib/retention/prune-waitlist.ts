import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { daysBefore, inBatches, type BatchLimits, type PassResult } from "./batches";

/**
 * Waitlist: entries invited longer ago than the retention go (their invite carries on); entries still
 * waiting stay however old. The table is small, a scan is fine.
 */
export async function pruneWaitlist(db: Db, opts: { olderThanDays: number; now?: Date } & BatchLimits): Promise<PassResult> {
  const cutoff = daysBefore(opts.now, opts.olderThanDays);
  return inBatches(
    db,
    (limit) => sql`delete from waitlist where id = any(array(
      select id from waitlist where invited_at < ${cutoff}::timestamptz limit ${limit}
    )) returning 1`,
    opts,
  );
}
