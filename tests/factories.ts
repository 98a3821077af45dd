import { randomBytes } from "node:crypto";
import { createUser } from "../lib/accounts/create-user";
import { db } from "../lib/db/client";

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomBytes(4).toString("hex")}@example.test`;
}

/** A user with their personal workspace; each call is a fresh tenant. */
export async function createTestUser(opts: { isAdmin?: boolean; password?: string } = {}) {
  const email = uniqueEmail(opts.isAdmin ? "admin" : "user");
  const password = opts.password ?? "correct horse battery";
  const { user, workspaceId } = await createUser(db, { email, password, isAdmin: opts.isAdmin });
  return { user, workspaceId, email, password };
}
