import { desc } from "drizzle-orm";
import { requireAdmin } from "../accounts/require-admin";
import type { Db } from "../db/client";
import { waitlist, type WaitlistEntry } from "../db/schema";

/** Newest requests first; admin only. */
export async function listWaitlist(db: Db, actorId: string, opts: { limit?: number } = {}): Promise<WaitlistEntry[]> {
  await requireAdmin(db, actorId);
  return db.select().from(waitlist).orderBy(desc(waitlist.createdAt)).limit(opts.limit ?? 500);
}
