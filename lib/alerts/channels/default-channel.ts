import { and, asc, eq, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { alertChannels, memberships, users } from "../../db/schema";

/**
 * A workspace without any channel alerts its owner: the owner's address becomes a channel the first
 * time anyone looks (the alerts page, the API, an incident). It is the owner's own sign-in address, so
 * it starts confirmed. The advisory lock keeps two concurrent first looks from creating it twice.
 */
export async function ensureDefaultChannel(db: Db | Tx, workspaceId: string): Promise<void> {
  const run = async (tx: Tx | Db) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"alert-default:" + workspaceId}))`);
    const [any] = await tx.select({ id: alertChannels.id }).from(alertChannels).where(eq(alertChannels.workspaceId, workspaceId)).limit(1);
    if (any) return;
    const [owner] = await tx
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")))
      .orderBy(asc(memberships.createdAt))
      .limit(1);
    if (owner) await tx.insert(alertChannels).values({ workspaceId, type: "email", name: owner.email, target: owner.email, verified: true });
  };
  // The common case (channels exist) costs one indexed read and takes no lock.
  const [existing] = await db.select({ id: alertChannels.id }).from(alertChannels).where(eq(alertChannels.workspaceId, workspaceId)).limit(1);
  if (existing) return;
  // Inside a caller's transaction the lock lives until its commit; on its own, open a short one.
  if ("rollback" in db) return run(db);
  return (db as Db).transaction(run);
}
