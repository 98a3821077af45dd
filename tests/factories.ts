import { randomBytes } from "node:crypto";
import { createUser } from "../lib/accounts/create-user";
import type { Actor, Ctx } from "../lib/context";
import { db, type Db } from "../lib/db/client";

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

/**
 * An actor context for calling lib verbs in tests: by default the workspace's owner (what every signed-in
 * user is today). Pass `actor` fields to act as someone else (a viewer, an operator, a given user id).
 */
export function userCtx(db: Db, workspaceId: string, actor: Partial<Actor> = {}): Ctx {
  return { db, workspaceId, actor: { kind: "user", id: "00000000-0000-4000-8000-000000000000", label: "test user", role: "owner", operator: false, ...actor } };
}

/** A read-only member of the workspace: every read works, every change is Forbidden. */
export function viewerCtx(db: Db, workspaceId: string): Ctx {
  return userCtx(db, workspaceId, { role: "viewer", label: "test viewer" });
}

/** The context a test user's own session would build (their id, their admin flag). */
export function ctxOf(db: Db, u: { user: { id: string; email: string; isAdmin: boolean }; workspaceId: string }): Ctx {
  return userCtx(db, u.workspaceId, { id: u.user.id, label: u.user.email, operator: u.user.isAdmin });
}
