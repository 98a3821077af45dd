import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { daysBefore, inBatches, type BatchLimits, type PassResult } from "./batches";

/**
 * Subscriber emails (lib/status-pages/subscribers): finished rows older than the retention go, by the
 * created_at index, and with them the maintenance occurrences that ended as long ago. Pending and sending
 * rows are work still owed and stay.
 */
export async function pruneSubscriberOutbox(db: Db, opts: { olderThanDays: number; now?: Date } & BatchLimits): Promise<PassResult> {
  const cutoff = daysBefore(opts.now, opts.olderThanDays);
  const outbox = await inBatches(
    db,
    (limit) => sql`delete from subscriber_outbox where id = any(array(
      select id from subscriber_outbox where created_at < ${cutoff}::timestamptz and status in ('sent', 'failed') limit ${limit}
    )) returning 1`,
    opts,
  );
  const occurrences = await inBatches(
    db,
    (limit) => sql`delete from maintenance_occurrences where (window_id, starts_at) in (
      select window_id, starts_at from maintenance_occurrences where ended_at < ${cutoff}::timestamptz limit ${limit}
    ) returning 1`,
    opts,
  );
  return { rows: outbox.rows + occurrences.rows, capped: outbox.capped || occurrences.capped };
}
