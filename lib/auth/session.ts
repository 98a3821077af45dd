import { getServerSession } from "next-auth";
import { cache } from "react";
import { loadSessionUser, type SessionUser } from "../accounts/authenticate";
import { db } from "../db/client";
import { ctxForUser, type Ctx } from "../context";
import { authOptions } from "./options";

/**
 * The signed-in user with their workspace, read fresh from the database on each request so that a
 * deleted user or a revoked admin flag takes effect at once. Null when signed out.
 * React's cache() makes it once per request: the layout, the page and an action share one read of
 * the session and the user row (outside a request, e.g. in tests, it is a plain call).
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = (await getServerSession(authOptions)) as { uid?: string } | null;
  if (!session?.uid) return null;
  return loadSessionUser(db, session.uid);
});

/** The signed-in user as an actor context for lib verbs; null when signed out. */
export const getSessionCtx = cache(async (): Promise<{ ctx: Ctx; user: SessionUser } | null> => {
  const user = await getSessionUser();
  if (!user) return null;
  return { user, ctx: ctxForUser(db, user) };
});

export { ctxForUser };

export type { SessionUser };
