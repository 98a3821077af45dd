import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { users, type User } from "../db/schema";
import { ConflictError } from "../errors";
import { createUser } from "./create-user";

export type EnsureAdminOutcome = "created" | "existing-admin" | "not-admin";

/** What an operator is told when ADMIN_EMAIL names an account that is not an admin. */
export function notAdminWarning(email: string): string {
  return (
    `ADMIN_EMAIL names an existing account (${email}) that is not an admin; it was left as it is, not promoted. ` +
    `To make it an admin, promote it yourself (set users.is_admin = true for that email), or choose another ADMIN_EMAIL, ` +
    `or create a new admin with \`npm run admin -- create-user --email <email> --password <password> --admin\`.`
  );
}

/**
 * The bootstrap admin (ADMIN_EMAIL / ADMIN_PASSWORD), applied at every start:
 * - no account with that email: it is created as an admin with ADMIN_PASSWORD;
 * - an admin already: nothing changes, in particular not the password (it may have been changed since,
 *   and a restart must not put the bootstrap one back);
 * - a member who is not an admin: nothing changes either. Whoever can set the environment could
 *   otherwise take over any account by naming it; the caller warns (notAdminWarning) instead.
 */
export async function ensureAdmin(db: Db, email: string, password: string): Promise<{ user: User; outcome: EnsureAdminOutcome }> {
  const normalized = email.trim().toLowerCase();
  const existing = async () => {
    const [user] = await db.select().from(users).where(eq(users.email, normalized));
    return user ? { user, outcome: user.isAdmin ? ("existing-admin" as const) : ("not-admin" as const) } : null;
  };
  const found = await existing();
  if (found) return found;
  try {
    return { user: (await createUser(db, { email: normalized, password, isAdmin: true })).user, outcome: "created" };
  } catch (err) {
    // Another process (a second web instance starting) created it first: that one is the admin.
    if (!(err instanceof ConflictError)) throw err;
    const raced = await existing();
    if (!raced) throw err;
    return raced;
  }
}
