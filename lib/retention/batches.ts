import type { SQL } from "drizzle-orm";
import type { Db } from "../db/client";

/** How much one pass may do: rows per statement (short transactions) and rows per pass (bounded run time). */
export type BatchLimits = { batchSize?: number; maxRows?: number };
/** What a pass did: rows removed or stripped, and whether it stopped at its cap with work left. */
export type PassResult = { rows: number; capped: boolean };

export const DEFAULT_BATCH_SIZE = 5_000;
export const DEFAULT_MAX_ROWS_PER_PASS = 250_000;

/**
 * Runs `statement(limit)` (a DELETE or UPDATE … WHERE id IN (SELECT … LIMIT limit) RETURNING 1) until a
 * batch comes back short or the pass has done `maxRows`. Each statement is its own transaction, so no
 * lock is held for longer than one batch, and a big backlog is worked off over several passes.
 */
export async function inBatches(db: Db, statement: (limit: number) => SQL, limits: BatchLimits = {}, done = 0): Promise<PassResult> {
  const batch = limits.batchSize ?? DEFAULT_BATCH_SIZE;
  const max = limits.maxRows ?? DEFAULT_MAX_ROWS_PER_PASS;
  let rows = 0;
  for (;;) {
    const limit = Math.min(batch, max - done - rows);
    if (limit <= 0) return { rows, capped: true };
    const returned = (await db.execute(statement(limit))) as unknown as unknown[];
    rows += returned.length;
    if (returned.length < limit) return { rows, capped: false };
  }
}

export function daysBefore(now: Date | undefined, days: number): string {
  return new Date((now ?? new Date()).getTime() - days * 86_400_000).toISOString();
}
