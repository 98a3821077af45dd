import http from "node:http";
import net from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The loopback targets these tests stand up are private addresses: the operator allows them here.
vi.hoisted(() => {
  process.env.CHECKS_ALLOW_PRIVATE = "true";
});

import { closeDb, db } from "../../db/client";
import { closeRedis } from "../../redis/client";
import { TIMING_PHASES, type CheckRunResult, type TimingPhase } from "../../results/types";
import { startDnsResponder, type DnsZone } from "../../../tests/dns-responder";
import { createTestUser, userCtx } from "../../../tests/factories";
import { createMonitor } from "..";
import { allKinds, checkRunner, KINDS } from "./registry";

const zone: DnsZone = new Map([["app.vigil.test|A", [{ type: "A", value: "192.0.2.10" }]]]);
let dnsServer: Awaited<ReturnType<typeof startDnsResponder>>;
let tcpListener: net.Server;
let web: http.Server;
const portOf = (s: net.Server) => (s.address() as net.AddressInfo).port;

beforeAll(async () => {
  dnsServer = await startDnsResponder(zone);
  tcpListener = net.createServer((s) => s.end());
  web = http.createServer((_req, res) => res.end("ok"));
  await Promise.all([tcpListener, web].map((s) => new Promise<void>((r) => s.listen(0, "127.0.0.1", r))));
});
afterAll(async () => {
  tcpListener.close();
  web.close();
  await dnsServer.close();
  await closeDb();
  await closeRedis();
});

const KEYS: Record<TimingPhase, keyof CheckRunResult["timings"]> = { dns: "dnsMs", connect: "connectMs", tls: "tlsMs", ttfb: "ttfbMs" };
const recorded = (r: CheckRunResult) => TIMING_PHASES.filter((p) => r.timings[KEYS[p]] !== null);

/** One check of a new monitor of this input, through its kind's runner. */
async function checkOnce(input: Record<string, unknown>): Promise<CheckRunResult> {
  const { workspaceId } = await createTestUser();
  const row = await createMonitor(userCtx(db, workspaceId), { name: "timed", ...input });
  const r = await checkRunner({ allowPrivate: true })(row, "eu");
  expect(r.ok, r.error ?? "").toBe(true);
  return r;
}

describe("the timings a kind declares (the monitor page's breakdown chart)", () => {
  it("are known phases in the order they happen; kinds that aren't checked declare none", () => {
    for (const kind of allKinds()) {
      const declared = kind.timings ?? [];
      expect(declared, kind.type).toEqual(TIMING_PHASES.filter((p) => declared.includes(p)));
      if (!kind.checked) expect(declared, kind.type).toEqual([]);
    }
  });

  it("tcp: the name lookup and the connect, exactly what its check records", async () => {
    const r = await checkOnce({ type: "tcp", host: "localhost", port: portOf(tcpListener) });
    expect(recorded(r)).toEqual(["dns", "connect"]);
    expect(KINDS.tcp.timings).toEqual(recorded(r));
  });

  it("http: every phase; TLS only over https", async () => {
    const r = await checkOnce({ type: "http", url: `http://localhost:${portOf(web)}/` });
    expect(recorded(r)).toEqual(["dns", "connect", "ttfb"]);
    expect(KINDS.http.timings).toEqual(["dns", "connect", "tls", "ttfb"]);
  });

  it("dns: none to break down, since the one query it times is its whole response time", async () => {
    const r = await checkOnce({ type: "dns", hostname: "app.vigil.test", resolver: `127.0.0.1:${dnsServer.port}` });
    expect(recorded(r)).toEqual(["dns"]);
    expect(r.timings.dnsMs).toBe(r.timings.totalMs);
    expect(KINDS.dns.timings).toEqual([]);
  });
});
