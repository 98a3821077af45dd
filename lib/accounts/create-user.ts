import type { Db, Tx } from "../db/client";
import { memberships, users, workspaces, type User } from "../db/schema";
import { ConflictError } from "../errors";
import { hashPassword } from "../auth/password";

export type CreateUserInput = { email: string; password: string; name?: string | null; isAdmin?: boolean };

/** The database or an open transaction. */
export type Executor = Db | Tx;

const DUPLICATE_EMAIL = "An account with this email already exists";

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

/**
 * Creates a user together with their personal workspace; a taken email is a ConflictError.
 * Pass a transaction to make the user part of a larger change (redeeming an invite): the inserts run
 * in a savepoint of it, so a duplicate email rolls back only with the caller's transaction.
 */
export async function createUser(db: Executor, input: CreateUserInput): Promise<{ user: User; workspaceId: string }> {
  const email = input.email.trim().toLowerCase();
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.transaction(async (tx) => {
      const [user] = await tx
        .insert(users)
        .values({ email, passwordHash, name: input.name ?? null, isAdmin: input.isAdmin ?? false })
        .returning();
      const [workspace] = await tx
        .insert(workspaces)
        .values({ name: input.name ? `${input.name}'s workspace` : "Personal" })
        .returning();
      await tx.insert(memberships).values({ workspaceId: workspace.id, userId: user.id, role: "owner" });
      return { user, workspaceId: workspace.id };
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new ConflictError(DUPLICATE_EMAIL, { email: DUPLICATE_EMAIL });
    throw err;
  }
}

export { isUniqueViolation };
