import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { users } from "../db/schema";
import { ForbiddenError } from "../errors";

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Admin verbs call this with the acting user's id and read the flag from the database, so a page or
 * action that forgot its own check still cannot act for a non-admin (or a user demoted a moment ago).
 */
export async function requireAdmin(db: Db, actorId: string): Promise<void> {
  if (!UUID.test(actorId)) throw new ForbiddenError("Only admins can do that");
  const [row] = await db.select({ isAdmin: users.isAdmin }).from(users).where(eq(users.id, actorId));
  if (!row?.isAdmin) throw new ForbiddenError("Only admins can do that");
}
