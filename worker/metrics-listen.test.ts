import { describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env";
import { testContext } from "@/tests/helpers";
import { startClusterModule, isolateClusterTests } from "./cluster-testing";

isolateClusterTests("metrics-listen");

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
    const { mod, port } = await startClusterModule(testContext("ml-a"), { listenHost: "127.0.0.2" });
    try {
      expect(await reachable("127.0.0.2", port)).toBe(true);
      expect(await reachable("127.0.0.1", port)).toBe(false);
    } finally {
      await mod.close();
    }
  });

  it("binds LISTEN_HOST (loopback by default) when no address is given", async () => {
    const { mod, port } = await startClusterModule(testContext("ml-b"));
    try {
      expect(await reachable("127.0.0.1", port)).toBe(true);
      expect(await reachable("127.0.0.2", port)).toBe(false);
    } finally {
      await mod.close();
    }
  });
});
