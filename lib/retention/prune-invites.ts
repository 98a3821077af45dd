import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { daysBefore, inBatches, type BatchLimits, type PassResult } from "./batches";

/**
 * Invites: once spent (used, revoked or expired, whichever came first) longer ago than the retention,
 * the row goes. An invite that can still be redeemed is never touched. least() skips nulls, so an
 * unused, unrevoked invite is judged by its expiry alone. The table is small, a scan is fine.
 */
export async function pruneInvites(db: Db, opts: { olderThanDays: number; now?: Date } & BatchLimits): Promise<PassResult> {
  const cutoff = daysBefore(opts.now, opts.olderThanDays);
  return inBatches(
    db,
    (limit) => sql`delete from invites where id = any(array(
      select id from invites where least(used_at, revoked_at, expires_at) < ${cutoff}::timestamptz limit ${limit}
    )) returning 1`,
    opts,
  );
}
