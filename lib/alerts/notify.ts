import { sql } from "drizzle-orm";
import type { Db } from "../db/client";

/** Postgres channel the alert delivery LISTENs on; NOTIFY is transactional, so it fires on commit. */
export const OUTBOX_CHANNEL = "vigil_alert_outbox";

export async function notifyOutbox(db: Pick<Db, "execute">): Promise<void> {
  await db.execute(sql`select pg_notify(${OUTBOX_CHANNEL}, '')`);
}
