import { asc, eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { memberships, users } from "../db/schema";
import { burnPasswordCheck, verifyPassword } from "../auth/password";

export type SessionUser = { userId: string; email: string; name: string | null; isAdmin: boolean; workspaceId: string };

/** The workspace a user acts in: their first (personal) one. */
export async function loadSessionUser(db: Db, userId: string): Promise<SessionUser | null> {
  const [row] = await db
    .select({ user: users, workspaceId: memberships.workspaceId })
    .from(users)
    .innerJoin(memberships, eq(memberships.userId, users.id))
    .where(eq(users.id, userId))
    .orderBy(asc(memberships.createdAt))
    .limit(1);
  if (!row) return null;
  return { userId: row.user.id, email: row.user.email, name: row.user.name, isAdmin: row.user.isAdmin, workspaceId: row.workspaceId };
}

export async function authenticate(db: Db, email: string, password: string): Promise<SessionUser | null> {
  const [user] = await db.select().from(users).where(eq(users.email, email.trim().toLowerCase()));
  if (!user) {
    await burnPasswordCheck(password);
    return null;
  }
  if (!(await verifyPassword(user.passwordHash, password))) return null;
  return loadSessionUser(db, user.id);
}
