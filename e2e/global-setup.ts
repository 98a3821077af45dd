import { buildIfStale, startStack } from "../scripts/stack";
import { createTestEnv, destroyTestEnv } from "../tests/test-env";

export const E2E_ADMIN = { email: "admin@vigil.test", password: "e2e-admin-password" };

/** Builds the app, gives the run its own database and Redis prefix, and starts web + workers + mail sink. */
export default async function globalSetup() {
  const testEnv = await createTestEnv("e2e");
  const port = Number(process.env.E2E_PORT);
  const env: Record<string, string> = {
    DATABASE_URL: testEnv.databaseUrl,
    REDIS_URL: testEnv.redisUrl,
    REDIS_PREFIX: testEnv.redisPrefix,
    AUTH_SECRET: "e2e-auth-secret-0123456789abcdef",
    APP_URL: process.env.E2E_BASE_URL!,
    NEXTAUTH_URL: process.env.E2E_BASE_URL!,
    SMTP_URL: `smtp://127.0.0.1:${process.env.E2E_MAIL_SMTP_PORT}`,
    REGIONS: "eu,us",
    CHECKS_ALLOW_PRIVATE: "true",
    MIN_INTERVAL_SECONDS: "2",
    // The specs play one trusted proxy: a spec's own X-Forwarded-For gives it its own client address.
    TRUST_PROXY_HOPS: "1",
    ADMIN_EMAIL: E2E_ADMIN.email,
    ADMIN_PASSWORD: E2E_ADMIN.password,
    LOG_LEVEL: "warn",
  };
  // The test process talks to the same database and Redis (seeding, CLI calls).
  Object.assign(process.env, env);
  await buildIfStale(".next-e2e", env);
  const stack = await startStack({
    env,
    port,
    regions: ["eu", "us"],
    distDir: ".next-e2e",
    mailSink: { smtpPort: Number(process.env.E2E_MAIL_SMTP_PORT), httpPort: Number(process.env.E2E_MAIL_HTTP_PORT) },
    quiet: !process.env.E2E_VERBOSE,
  });
  return async () => {
    await stack.stop();
    if (!process.env.KEEP_TEST_DB) await destroyTestEnv(testEnv);
  };
}
