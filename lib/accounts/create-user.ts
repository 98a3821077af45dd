import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { memberships, users, workspaces, type User } from "../db/schema";
import { ConflictError } from "../errors";
import { hashPassword } from "../auth/password";

export type CreateUserInput = { email: string; password: string; name?: string | null; isAdmin?: boolean };

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

/** Creates a user together with their personal workspace; a taken email is a ConflictError. */
export async function createUser(db: Db, input: CreateUserInput): Promise<{ user: User; workspaceId: string }> {
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
    if (isUniqueViolation(err)) throw new ConflictError("An account with this email already exists", { email: "An account with this email already exists" });
    throw err;
  }
}

/** Makes sure the bootstrap admin exists with the given password (ADMIN_EMAIL / ADMIN_PASSWORD). */
export async function ensureAdmin(db: Db, email: string, password: string): Promise<User> {
  const normalized = email.trim().toLowerCase();
  const [existing] = await db.select().from(users).where(eq(users.email, normalized));
  if (existing) {
    const [updated] = await db
      .update(users)
      .set({ isAdmin: true, passwordHash: await hashPassword(password) })
      .where(eq(users.id, existing.id))
      .returning();
    return updated;
  }
  return (await createUser(db, { email: normalized, password, isAdmin: true })).user;
}

export { isUniqueViolation };
