import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestSmtp } from "@/lib/alerts/testing/smtp";
import { createTestEnv, destroyTestEnv, type TestEnv } from "@/tests/test-env";

// The real worker modules, wired as worker/main.ts wires them. They deliver every due outbox row and
// consume every ping, so they get a database and Redis prefix of their own (other test files assert on
// exactly which emails their SMTP server receives). SMTP_URL etc. must be set before lib/env is first
// imported, hence the dynamic imports.
let testEnv: TestEnv;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let mods: { close(): Promise<void> }[] = [];
let lib: {
  db: typeof import("@/lib/db/client");
  redis: typeof import("@/lib/redis/client");
  testing: typeof import("@/lib/heartbeats/testing");
  factories: typeof import("@/tests/factories");
  ingest: typeof import("@/lib/heartbeats/ingest");
};

beforeAll(async () => {
  smtp = await startTestSmtp();
  testEnv = await createTestEnv("modules");
  Object.assign(process.env, { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, DATABASE_URL: testEnv.databaseUrl, REDIS_PREFIX: testEnv.redisPrefix });
  const [db, redis, testing, factories, ingest, queue, log, hb, alerts] = await Promise.all([
    import("@/lib/db/client"), import("@/lib/redis/client"), import("@/lib/heartbeats/testing"), import("@/tests/factories"),
    import("@/lib/heartbeats/ingest"), import("@/lib/queue/connection"), import("@/lib/log"), import("./heartbeats"), import("./alerts"),
  ]);
  lib = { db, redis, testing, factories, ingest };
  const ctx = { instanceId: `modules-test-${process.pid}`, region: "test", concurrency: 5, db: db.db, connection: queue.createQueueConnection, redis: redis.ioredis(), log: log.log };
  mods = [await hb.heartbeatsModule.start(ctx), await alerts.alertsModule.start(ctx)];
});

afterAll(async () => {
  for (const m of mods.reverse()) await m.close();
  await smtp.down();
  await lib.db.closeDb();
  await lib.redis.closeRedis();
  await destroyTestEnv(testEnv);
});

describe("heartbeats + alerts worker modules", () => {
  it("a ping that reports failure is written by the fleet, opens an incident and the owner gets the email within seconds", async () => {
    const u = await lib.factories.createTestUser();
    const m = await lib.testing.createHeartbeatMonitor(u.workspaceId, { name: "modules-test job", periodSeconds: 3600, graceSeconds: 600 });
    const t0 = Date.now();
    const res = await lib.ingest.ingestPing({ kv: lib.redis.kv() }, { method: "POST", token: m.pingToken!, suffix: "7", sourceIp: "127.0.0.1", userAgent: "t", body: "disk full", bodyTruncated: false });
    expect(res.status).toBe(200);
    const mail = await lib.testing.waitFor(async () => smtp.to(u.email).find((x) => x.subject.includes("DOWN")), 10_000, 20);
    // Ping → stream → batch writer → incident + outbox → NOTIFY → delivery → SMTP.
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(mail.subject).toBe("[Vigil] DOWN: modules-test job (Job reported failure (exit code 7))");
    expect(mail.text).toContain("/incidents/");
    // And the next success recovers it, with one recovery email.
    await lib.ingest.ingestPing({ kv: lib.redis.kv() }, { method: "GET", token: m.pingToken!, sourceIp: "127.0.0.1", userAgent: "t", body: null, bodyTruncated: false });
    await lib.testing.waitFor(async () => smtp.to(u.email).find((x) => x.subject.includes("RECOVERED")), 10_000, 20);
    expect(smtp.to(u.email)).toHaveLength(2);
  });
});
