import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { daysBefore, inBatches, type BatchLimits, type PassResult } from "./batches";

/**
 * Alert outbox: finished rows (sent, failed) older than the retention go, by the created_at index.
 * Pending and sending rows are never touched, however old: they are work the delivery sweep still owes.
 */
export async function pruneAlertOutbox(db: Db, opts: { olderThanDays: number; now?: Date } & BatchLimits): Promise<PassResult> {
  const cutoff = daysBefore(opts.now, opts.olderThanDays);
  return inBatches(
    db,
    (limit) => sql`delete from alert_outbox where id = any(array(
      select id from alert_outbox where created_at < ${cutoff}::timestamptz and status in ('sent', 'failed') limit ${limit}
    )) returning 1`,
    opts,
  );
}
