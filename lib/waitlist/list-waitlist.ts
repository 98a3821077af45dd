import { desc } from "drizzle-orm";
import { verb } from "../context";
import { waitlist, type WaitlistEntry } from "../db/schema";

/** Newest requests first; operators only. */
export const listWaitlist = verb("operator", async (ctx, opts: { limit?: number } = {}): Promise<WaitlistEntry[]> => {
  return ctx.db
    .select()
    .from(waitlist)
    .orderBy(desc(waitlist.createdAt))
    .limit(opts.limit ?? 500);
});
