import net from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { runTcpCheck } from "./tcp-check";

const servers: net.Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => s.close(r))));
});

async function listen(): Promise<{ server: net.Server; port: number }> {
  const server = net.createServer((s) => s.end());
  servers.push(server);
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as net.AddressInfo).port };
}

const base = { host: "127.0.0.1", timeoutMs: 2000, allowPrivate: true };

describe("tcp check", () => {
  it("is up while the listener accepts, down (refused) once it is closed mid-test", async () => {
    const { server, port } = await listen();
    const up = await runTcpCheck({ ...base, port });
    expect(up).toMatchObject({ ok: true, errorClass: null, remoteAddress: "127.0.0.1" });
    expect(up.timings.connectMs).toBeGreaterThanOrEqual(0);
    await new Promise((r) => server.close(r));
    const down = await runTcpCheck({ ...base, port });
    expect(down).toMatchObject({ ok: false, errorClass: "refused" });
    expect(down.error).toContain(`127.0.0.1:${port}`);
  });

  it("times out when the attempt hangs, within the timeout", async () => {
    // A name whose lookup never answers (an unroutable address can't be relied on: sandboxes answer SYNs).
    const started = Date.now();
    const r = await runTcpCheck({ host: "hangs.vigil.test", port: 9, timeoutMs: 300, allowPrivate: true }, { lookup: () => {} });
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", error: "Timed out after 0.3 s resolving the host name" });
    expect(Date.now() - started).toBeLessThan(1500);
  });

  it("refuses a private address without the operator's allowance, named host or not", async () => {
    const { port } = await listen();
    const literal = await runTcpCheck({ host: "127.0.0.1", port, timeoutMs: 1000, allowPrivate: false });
    expect(literal).toMatchObject({ ok: false, errorClass: "blocked" });
    expect(literal.error).toMatch(/CHECKS_ALLOW_HOSTS=127\.0\.0\.1:\d+/);
    const named = await runTcpCheck(
      { host: "db.internal.test", port, timeoutMs: 1000, allowPrivate: false },
      { lookup: (_h, cb) => cb(null, [{ address: "127.0.0.1", family: 4 }]) },
    );
    expect(named).toMatchObject({ ok: false, errorClass: "blocked" });
    expect(named.error).not.toContain("127.0.0.1 ");
    // Named in CHECKS_ALLOW_HOSTS: allowed.
    expect(await runTcpCheck({ host: "127.0.0.1", port, timeoutMs: 1000, allowPrivate: false, allowHosts: [`127.0.0.1:${port}`] })).toMatchObject({ ok: true });
  });

  it("reports an unknown name as a DNS failure", async () => {
    const r = await runTcpCheck(
      { host: "nowhere.invalid", port: 80, timeoutMs: 1000, allowPrivate: true },
      { lookup: (_h, cb) => cb(Object.assign(new Error("nf"), { code: "ENOTFOUND" }), []) },
    );
    expect(r).toMatchObject({ ok: false, errorClass: "dns" });
  });
});
