import net from "node:net";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "@/lib/db/client";
import { parseEnv } from "@/lib/env";
import { closeInspectQueues } from "@/lib/queue/inspect";
import { closeRedis } from "@/lib/redis/client";
import { createClusterModule } from "./modules/cluster";
import { isolatePrefix, testContext } from "@/tests/helpers";

const iso = isolatePrefix("metrics-listen");
afterAll(async () => {
  await closeInspectQueues();
  await iso.cleanup();
  await closeRedis();
  await closeDb();
});

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise((r) => s.close(r));
  return port;
}

const reachable = (host: string, port: number) =>
  fetch(`http://${host}:${port}/healthz`).then(
    (r) => r.ok,
    () => false,
  );

describe("worker /metrics and /healthz listen address", () => {
  it("is loopback unless LISTEN_HOST says otherwise", () => {
    expect(parseEnv({ NODE_ENV: "test" }).LISTEN_HOST).toBe("127.0.0.1");
    expect(parseEnv({ NODE_ENV: "test", LISTEN_HOST: "0.0.0.0" }).LISTEN_HOST).toBe("0.0.0.0");
  });

  it("binds the configured address only, not every interface", async () => {
    // 127.0.0.2 is loopback too on Linux: listening there must leave 127.0.0.1 unanswered.
    const port = await freePort();
    const mod = await createClusterModule({ heartbeatMs: 60_000, metricsPort: port, listenHost: "127.0.0.2" }).start(testContext("ml-a"));
    try {
      expect(await reachable("127.0.0.2", port)).toBe(true);
      expect(await reachable("127.0.0.1", port)).toBe(false);
    } finally {
      await mod.close();
    }
  });

  it("binds LISTEN_HOST (loopback by default) when no address is given", async () => {
    const port = await freePort();
    const mod = await createClusterModule({ heartbeatMs: 60_000, metricsPort: port }).start(testContext("ml-b"));
    try {
      expect(await reachable("127.0.0.1", port)).toBe(true);
      expect(await reachable("127.0.0.2", port)).toBe(false);
    } finally {
      await mod.close();
    }
  });
});
