/**
 * Next.js start-up hook: makes sure the bootstrap admin (ADMIN_EMAIL / ADMIN_PASSWORD) exists.
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
    const { ensureAdmin } = await import("./lib/accounts/create-user");
    const admin = await ensureAdmin(db, env.ADMIN_EMAIL, env.ADMIN_PASSWORD);
    log.info({ email: admin.email }, "bootstrap admin ready");
  } catch (err) {
    log.error({ err }, "could not create the bootstrap admin (ADMIN_EMAIL); continuing without it");
  }
}
