import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { daysBefore, inBatches, type BatchLimits, type PassResult } from "./batches";

/**
 * Incident evidence: the heavy parts of what an incident kept, stripped once it has been resolved for
 * longer than the retention. The incident row stays with its cause, times, regions, status code and
 * error class (history, uptime and the status page need those); what goes is
 * - `details.body`: the first 1,000 bytes of the failing heartbeat ping;
 * - `response_snippet` / `response_headers` of failing check results older than the retention, unless
 *   they are the opening check of an incident still open. (Raw check results themselves go after
 *   RESULT_RETENTION_DAYS; this only matters when that is set longer than the evidence retention.)
 */
export async function pruneIncidentEvidence(db: Db, opts: { olderThanDays: number; now?: Date } & BatchLimits): Promise<PassResult> {
  const cutoff = daysBefore(opts.now, opts.olderThanDays);
  const details = await inBatches(
    db,
    (limit) => sql`update incidents set details = details - 'body' where id = any(array(
      select id from incidents where status = 'resolved' and resolved_at < ${cutoff}::timestamptz and details ? 'body' limit ${limit}
    )) returning 1`,
    opts,
  );
  if (details.capped) return details;
  // started_at index: with the default retentions (results 30 days, evidence 90) the range is empty.
  const checks = await inBatches(
    db,
    (limit) => sql`update check_results set response_snippet = null, response_headers = null where id = any(array(
      select c.id from check_results c
      where c.started_at < ${cutoff}::timestamptz and (c.response_snippet is not null or c.response_headers is not null)
        and not exists (select 1 from incidents i where i.status = 'open' and i.opening_check_id = c.id)
      limit ${limit}
    )) returning 1`,
    opts,
    details.rows,
  );
  return { rows: details.rows + checks.rows, capped: checks.capped };
}
