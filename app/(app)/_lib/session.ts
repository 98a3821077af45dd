import { notFound, redirect, unstable_rethrow } from "next/navigation";
import { getSessionCtx, type SessionUser } from "@/lib/auth/session";
import type { Ctx } from "@/lib/context";
import { AppError, isUnstorableTextError, NotFoundError, RateLimitedError, ValidationError } from "@/lib/errors";
import { log } from "@/lib/log";
import { waitMessage } from "@/lib/forms/form-state";

/**
 * The edges of the signed-in app: every page and server action starts from one of these, so the actor
 * context is built once per request (getSessionCtx is cached per request) and each edge stays a few lines.
 */
export type Session = { ctx: Ctx; user: SessionUser };

/** Pages and actions behind the session: signed out → /sign-in. */
export async function requireSessionCtx(): Promise<Session> {
  const session = await getSessionCtx();
  if (!session) redirect("/sign-in");
  return session;
}

/** The admin area: anyone but an operator gets a plain 404 (its existence is nobody else's business). */
export async function requireOperatorCtx(): Promise<Session> {
  const session = await requireSessionCtx();
  if (!session.ctx.actor.operator) notFound();
  return session;
}

/** A verb's NotFoundError (unknown id, another workspace's id) becomes the 404 page. */
export async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}

export type ActionFailure = { message: string; fields?: Record<string, string> };

/** Our errors carry messages written for people; anything else is logged and replaced by a generic one. */
export function failureOf(err: unknown): ActionFailure {
  if (err instanceof ValidationError && err.fields) return { message: "Please fix the highlighted fields.", fields: err.fields };
  if (err instanceof RateLimitedError) return { message: `Too many attempts. Please try again in ${waitMessage(err.retryAfterSeconds)}.` };
  if (err instanceof AppError) return { message: err.message, fields: err.fields };
  if (isUnstorableTextError(err)) return { message: "Text can't contain NUL (\\u0000) characters: remove them and save again." };
  log.error({ err }, "server action failed");
  return { message: "Something went wrong on our side. Please try again in a moment." };
}

/**
 * A form's server action: builds the session ctx (signed out → /sign-in), runs `work`, and maps what it
 * throws to the form's state via `failed` (NotFound → the 404 page). redirect()/notFound() called inside
 * `work` pass through untouched.
 */
export async function sessionAction<S>(work: (session: Session) => Promise<S>, failed: (f: ActionFailure) => S): Promise<S> {
  const session = await requireSessionCtx();
  try {
    return await work(session);
  } catch (err) {
    unstable_rethrow(err);
    if (err instanceof NotFoundError) notFound();
    return failed(failureOf(err));
  }
}
