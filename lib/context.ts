import type { SessionUser } from "./accounts/authenticate";
import type { Db } from "./db/client";
import { ForbiddenError } from "./errors";

/**
 * Who is acting. Built once per request at the edge (server action, API route, page) or by the fleet,
 * never from client input. `role` is the actor's role in the workspace; `operator` is the site-wide
 * admin flag (waitlist, invites, cluster). Teams will fill `role` from memberships; today every user
 * owns their workspace and an API key acts as an admin of it.
 */
export type ActorKind = "user" | "apiKey" | "system";
export const WORKSPACE_ROLES = ["viewer", "editor", "admin", "owner"] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

export type Actor = {
  kind: ActorKind;
  /** users.id, api_keys.id, or a system process name ("worker", "cli"). */
  id: string;
  /** For people: an email or "API key <name>"; shown where an action is attributed (acknowledged by …). */
  label: string;
  role: WorkspaceRole;
  operator: boolean;
};

/** Every domain verb takes this first: the database, the workspace it acts in, and who acts. */
export type Ctx = { db: Db; workspaceId: string; actor: Actor };

/** What a verb requires of its actor, declared beside the verb. */
export type Requirement = WorkspaceRole | "operator";

const RANK: Record<WorkspaceRole, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };

export function allows(actor: Actor, needs: Requirement): boolean {
  if (needs === "operator") return actor.operator;
  return RANK[actor.role] >= RANK[needs];
}

/** Throws ForbiddenError unless the actor meets the requirement. */
export function authorize(ctx: Pick<Ctx, "actor">, needs: Requirement): void {
  if (!allows(ctx.actor, needs)) {
    throw new ForbiddenError(needs === "operator" ? "Only admins can do that" : `This needs the ${needs} role in this workspace`);
  }
}

/**
 * Declares a verb with its requirement: `export const deleteMonitor = verb("editor", async (ctx, id) => …)`.
 * The check runs before the body on every call, so a new route cannot forget it.
 */
export function verb<A extends unknown[], R>(needs: Requirement, fn: (ctx: Ctx, ...args: A) => Promise<R>): (ctx: Ctx, ...args: A) => Promise<R> {
  const wrapped = async (ctx: Ctx, ...args: A) => {
    authorize(ctx, needs);
    return fn(ctx, ...args);
  };
  return Object.assign(wrapped, { requires: needs });
}

/**
 * A signed-in user as an actor: the session edge builds it from the user row it has just loaded, so the
 * operator flag is as fresh as this request (a demoted admin loses the admin verbs at once).
 */
export function ctxForUser(db: Db, user: SessionUser): Ctx {
  return { db, workspaceId: user.workspaceId, actor: { kind: "user", id: user.userId, label: user.email, role: "owner", operator: user.isAdmin } };
}

/** The fleet and the CLI act as the system: every role, in the workspace the job belongs to. */
export function systemCtx(db: Db, workspaceId: string, name = "worker"): Ctx {
  return { db, workspaceId, actor: { kind: "system", id: name, label: name, role: "owner", operator: true } };
}

/**
 * Site-wide operator work with no workspace of its own (the operator CLI inviting someone). The nil id
 * matches no workspace row, so a workspace-scoped verb called with it finds nothing rather than anything.
 */
export function siteCtx(db: Db, name = "cli"): Ctx {
  return systemCtx(db, "00000000-0000-0000-0000-000000000000", name);
}
