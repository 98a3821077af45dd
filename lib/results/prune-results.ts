import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

/**
 * Deletes check results older than the retention, in batches (short transactions, no long lock on the
 * table the workers insert into), using the started_at index. Returns how many rows went.
 */
export async function pruneCheckResults(db: Db, opts: { olderThanDays: number; batchSize?: number; now?: Date }): Promise<number> {
  const cutoff = new Date((opts.now ?? new Date()).getTime() - opts.olderThanDays * 86_400_000);
  const batch = opts.batchSize ?? 5_000;
  let total = 0;
  for (;;) {
    const rows = (await db.execute(
      sql`delete from check_results where id in (select id from check_results where started_at < ${cutoff.toISOString()}::timestamptz limit ${batch}) returning 1`,
    )) as unknown as unknown[];
    total += rows.length;
    if (rows.length < batch) return total;
  }
}
