import postgres from "postgres";
import IORedis from "ioredis";
import { randomBytes } from "node:crypto";
import { ensureDatabase, migrateDatabase } from "../lib/db/migrate";

const BASE_DB = process.env.TEST_DATABASE_BASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

export type TestEnv = { databaseUrl: string; redisPrefix: string; redisUrl: string };

/** A database and a Redis prefix of this run's own, migrated; refuses anything but a local server. */
export async function createTestEnv(label: string): Promise<TestEnv> {
  const id = `${label}_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  const url = new URL(BASE_DB);
  if (!["127.0.0.1", "localhost", "::1"].includes(url.hostname)) throw new Error(`Tests only run against a local Postgres, not ${url.hostname}`);
  url.pathname = `/vigil_test_${id}`;
  const databaseUrl = url.toString();
  await ensureDatabase(databaseUrl);
  await migrateDatabase(databaseUrl);
  return { databaseUrl, redisPrefix: `vigil-test-${id}`, redisUrl: REDIS_URL };
}

export async function destroyTestEnv(t: TestEnv): Promise<void> {
  const name = new URL(t.databaseUrl).pathname.slice(1);
  const admin = postgres(BASE_DB, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  const redis = new IORedis(t.redisUrl);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${t.redisPrefix}:*`, "COUNT", 1000);
      cursor = next;
      if (keys.length) await redis.unlink(...keys);
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}
