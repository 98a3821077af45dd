import { and, asc, eq, sql, type SQL } from "drizzle-orm";
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

/**
 * The rows that may be the owner's default channel: email to an owner's sign-in address. That is what
 * ensureDefaultChannel writes, whatever happened since (renamed, re-created after the last channel was
 * deleted, made before or after the first added one); a channel moved to another address is the
 * user's own. The quota frees at most one such row, so adding more of them gains nothing.
 */
export function isOwnerEmailChannel(workspaceId: string): SQL {
  return sql`(${alertChannels.type} = 'email' and ${alertChannels.target} in (
    select lower(${users.email}) from ${memberships} join ${users} on ${users.id} = ${memberships.userId}
    where ${memberships.workspaceId} = ${workspaceId} and ${memberships.role} = 'owner'))`;
}
