import IORedis from "ioredis";
import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, createDb, db } from "../db/client";
import { closeRedis, ioredis } from "../redis/client";
import { checkHealth } from "./check-health";

/** A port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

describe("checkHealth", () => {
  it("is ok when Postgres and Redis answer", async () => {
    const report = await checkHealth({ db, redis: ioredis() });
    expect(report.status).toBe("ok");
    expect(report.checks.postgres.ok && report.checks.redis.ok).toBe(true);
  });

  it("names Postgres when it is down, without leaking the connection string", async () => {
    const down = createDb(`postgres://postgres:hunter2@127.0.0.1:${await closedPort()}/vigil`, 1);
    try {
      const report = await checkHealth({ db: down.db, redis: ioredis() }, 1500);
      expect(report.status).toBe("degraded");
      expect(report.checks.postgres).toMatchObject({ ok: false });
      expect(report.checks.redis.ok).toBe(true);
      expect(JSON.stringify(report)).not.toContain("hunter2");
    } finally {
      await down.sql.end({ timeout: 1 });
    }
  });

  it("names Redis when it is down", async () => {
    const redis = new IORedis({ port: await closedPort(), lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    redis.on("error", () => {});
    try {
      const report = await checkHealth({ db, redis }, 1500);
      expect(report.status).toBe("degraded");
      expect(report.checks.redis).toMatchObject({ ok: false });
      expect(report.checks.postgres.ok).toBe(true);
    } finally {
      redis.disconnect();
    }
  });
});
