import { createTestEnv, destroyTestEnv, type TestEnv } from "./test-env";

let testEnv: TestEnv | undefined;

export async function setup() {
  testEnv = await createTestEnv("unit");
  process.env.DATABASE_URL = testEnv.databaseUrl;
  process.env.REDIS_PREFIX = testEnv.redisPrefix;
  process.env.REDIS_URL = testEnv.redisUrl;
  (process.env as Record<string, string>).NODE_ENV = "test";
}

export async function teardown() {
  if (testEnv && !process.env.KEEP_TEST_DB) await destroyTestEnv(testEnv);
}
