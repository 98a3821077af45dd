/**
 * Next.js start-up hook: makes sure the bootstrap admin (ADMIN_EMAIL / ADMIN_PASSWORD) exists (the password
 * is used only when the account is created; an existing non-admin account is not promoted, only warned about).
 * Node runtime only, with dynamic imports, so the edge bundle never pulls in Postgres or argon2.
 * A failure is logged, not fatal: the app still serves, and the next start tries again.
 */
export async function register(): Promise<void> {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // `next build` loads this hook too; there is no database to talk to then.
  if (process.env.NEXT_PHASE === "phase-production-build") return;
  const { env } = await import("./lib/env");
  if (!env.ADMIN_EMAIL || !env.ADMIN_PASSWORD) return;
  const { log } = await import("./lib/log");
  try {
    const { db } = await import("./lib/db/client");
    const { ensureAdmin, notAdminWarning } = await import("./lib/accounts/ensure-admin");
    const { user, outcome } = await ensureAdmin(db, env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
    if (outcome === "not-admin") log.warn({ email: user.email }, notAdminWarning(user.email));
    else log.info({ email: user.email, created: outcome === "created" }, "bootstrap admin ready");
  } catch (err) {
    log.error({ err }, "could not create the bootstrap admin (ADMIN_EMAIL); continuing without it");
  }
}
