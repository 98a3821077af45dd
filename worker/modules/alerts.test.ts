import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startReceiver } from "@/lib/alerts/testing/receiver";
import { startTestSmtp } from "@/lib/alerts/testing/smtp";
import { createTestEnv, destroyTestEnv, type TestEnv } from "@/tests/test-env";

// The real worker modules, wired as worker/main.ts wires them. They deliver every due outbox row and
// consume every ping, so they get a database and Redis prefix of their own (other test files assert on
// exactly which emails their SMTP server receives). SMTP_URL etc. must be set before lib/env is first
// imported, hence the dynamic imports.
let testEnv: TestEnv;
let smtp: Awaited<ReturnType<typeof startTestSmtp>>;
let receiver: Awaited<ReturnType<typeof startReceiver>>;
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
  receiver = await startReceiver();
  testEnv = await createTestEnv("modules");
  Object.assign(process.env, {
    CHECKS_ALLOW_PRIVATE: "true",
    SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
    DATABASE_URL: testEnv.databaseUrl,
    REDIS_PREFIX: testEnv.redisPrefix,
  });
  const [db, redis, testing, factories, ingest, queue, log, hb, alerts] = await Promise.all([
    import("@/lib/db/client"),
    import("@/lib/redis/client"),
    import("@/lib/heartbeats/testing"),
    import("@/tests/factories"),
    import("@/lib/heartbeats/ingest"),
    import("@/lib/queue/connection"),
    import("@/lib/log"),
    import("./heartbeats"),
    import("./alerts"),
  ]);
  lib = { db, redis, testing, factories, ingest };
  const ctx = {
    instanceId: `modules-test-${process.pid}`,
    region: "test",
    concurrency: 5,
    db: db.db,
    connection: queue.createQueueConnection,
    redis: redis.ioredis(),
    log: log.log,
  };
  mods = [await hb.heartbeatsModule.start(ctx), await alerts.alertsModule.start(ctx)];
});

afterAll(async () => {
  for (const m of mods.reverse()) await m.close();
  await smtp.down();
  await receiver.close();
  await lib.db.closeDb();
  await lib.redis.closeRedis();
  await destroyTestEnv(testEnv);
});

describe("heartbeats + alerts worker modules", () => {
  it("a ping that reports failure is written by the fleet, opens an incident and the owner gets the email within seconds", async () => {
    const u = await lib.factories.createTestUser();
    const m = await lib.testing.createHeartbeatMonitor(u.workspaceId, { name: "modules-test job", periodSeconds: 3600, graceSeconds: 600 });
    const t0 = Date.now();
    const res = await lib.ingest.ingestPing(
      { kv: lib.redis.kv() },
      { method: "POST", token: m.pingToken!, suffix: "7", sourceIp: "127.0.0.1", userAgent: "t", body: "disk full", bodyTruncated: false },
    );
    expect(res.status).toBe(200);
    const mail = await lib.testing.waitFor(async () => smtp.to(u.email).find((x) => x.subject.includes("DOWN")), 10_000, 20);
    // Ping → stream → batch writer → incident + outbox → NOTIFY → delivery → SMTP.
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(mail.subject).toBe("[Vigil] DOWN: modules-test job (Job reported failure (exit code 7))");
    expect(mail.text).toContain("/incidents/");
    // What the failed ping said reaches the alert.
    expect(mail.text).toContain("Exit code: 7");
    expect(mail.text).toContain("Output: disk full");
    expect(mail.text).toMatch(/Acknowledge \(stops reminders\): http.*\/ack\//);
    // And the next success recovers it, with one recovery email.
    await lib.ingest.ingestPing(
      { kv: lib.redis.kv() },
      { method: "GET", token: m.pingToken!, sourceIp: "127.0.0.1", userAgent: "t", body: null, bodyTruncated: false },
    );
    await lib.testing.waitFor(async () => smtp.to(u.email).find((x) => x.subject.includes("RECOVERED")), 10_000, 20);
    expect(smtp.to(u.email)).toHaveLength(2);
  });

  it("a webhook channel hears of the incident within a second, signed, through the same fleet module", async () => {
    const u = await lib.factories.createTestUser();
    const m = await lib.testing.createHeartbeatMonitor(u.workspaceId, { name: "hooked job", periodSeconds: 3600, graceSeconds: 600 });
    const { alertChannels } = await import("@/lib/db/schema");
    const path = `/hook-${u.workspaceId}`;
    await lib.db.db
      .insert(alertChannels)
      .values({ workspaceId: u.workspaceId, type: "webhook", target: receiver.url(path), secrets: { secret: "s3cret-s3cret" } });
    const t0 = Date.now();
    await lib.ingest.ingestPing(
      { kv: lib.redis.kv() },
      { method: "POST", token: m.pingToken!, suffix: "fail", sourceIp: "127.0.0.1", userAgent: "t", body: null, bodyTruncated: false },
    );
    const got = await lib.testing.waitFor(async () => receiver.accepted(path)[0], 10_000, 10);
    expect(got.at - t0).toBeLessThan(3_000);
    expect(got.headers["vigil-event"]).toBe("incident.opened");
    const { verifyWebhookSignature } = await import("@/lib/alerts/signature");
    expect(verifyWebhookSignature(got.headers["vigil-signature"] as string, got.body, "s3cret-s3cret")).toEqual({ ok: true });
  });
});
