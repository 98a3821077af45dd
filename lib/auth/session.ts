import { getServerSession } from "next-auth";
import { loadSessionUser, type SessionUser } from "../accounts/authenticate";
import { db } from "../db/client";
import { authOptions } from "./options";

/**
 * The signed-in user with their workspace, read fresh from the database on each request so that a
 * deleted user or a revoked admin flag takes effect at once. Null when signed out.
 */
export async function getSessionUser(): Promise<SessionUser | null> {
  const session = (await getServerSession(authOptions)) as { uid?: string } | null;
  if (!session?.uid) return null;
  return loadSessionUser(db, session.uid);
}

export type { SessionUser };
