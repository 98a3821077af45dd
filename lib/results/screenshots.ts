import { and, asc, eq, gte, lte, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { checkScreenshots } from "../db/schema";

/** Screenshots kept per monitor: the newest few failures are what an incident page shows. */
export const SCREENSHOTS_PER_MONITOR = 5;
export const MAX_SCREENSHOT_BYTES = 1024 * 1024;

export type FailureScreenshot = { monitorId: string; region: string; takenAt: Date; error: string | null; image: Buffer };

/**
 * Keeps a failing browser check's screenshot and drops the monitor's older ones past the newest N, in
 * one transaction (the pruning is per monitor and bounded, so it costs a handful of rows at most).
 * A monitor deleted meanwhile makes the insert fail on its foreign key: nothing to keep then.
 */
export async function saveFailureScreenshot(db: Db, s: FailureScreenshot): Promise<void> {
  if (s.image.length === 0 || s.image.length > MAX_SCREENSHOT_BYTES) return;
  await db
    .transaction(async (tx) => {
      await tx
        .insert(checkScreenshots)
        .values({ monitorId: s.monitorId, region: s.region, takenAt: s.takenAt, error: s.error?.slice(0, 500) ?? null, image: s.image });
      await tx.execute(sql`
        delete from ${checkScreenshots}
        where ${checkScreenshots.monitorId} = ${s.monitorId}
          and ${checkScreenshots.id} not in (
            select id from ${checkScreenshots} where ${checkScreenshots.monitorId} = ${s.monitorId}
            order by ${checkScreenshots.takenAt} desc limit ${SCREENSHOTS_PER_MONITOR})`);
    })
    .catch((err: { code?: string; cause?: { code?: string } }) => {
      if (err?.code === "23503" || err?.cause?.code === "23503") return; // monitor deleted meanwhile
      throw err;
    });
}

/** The first screenshot of a monitor taken in [from, to] (the caller has scoped the monitor to its workspace). */
export async function findScreenshotBetween(db: Db, monitorId: string, from: Date, to: Date) {
  const [row] = await db
    .select()
    .from(checkScreenshots)
    .where(and(eq(checkScreenshots.monitorId, monitorId), gte(checkScreenshots.takenAt, from), lte(checkScreenshots.takenAt, to)))
    .orderBy(asc(checkScreenshots.takenAt))
    .limit(1);
  return row ?? null;
}
