import net from "node:net";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

// The operator allows the loopback targets these tests stand up (as `npm run up` does for its demo targets).
vi.hoisted(() => {
  process.env.CHECKS_ALLOW_HOSTS = "127.0.0.1";
});

import { closeDb, db } from "../../db/client";
import { checkResults, incidents, monitors } from "../../db/schema";
import { ValidationError } from "../../errors";
import { closeRedis } from "../../redis/client";
import { listChecks, toApiCheck } from "../../results/list-checks";
import { ResultWriter } from "../../results/result-writer";
import { runCheckJob } from "../../results/run-check-job";
import type { MonitorCache } from "../../scheduler/monitor-cache";
import { startDnsResponder, type DnsZone } from "../../../tests/dns-responder";
import { createTestUser, userCtx } from "../../../tests/factories";
import { createMonitor, getMonitorOrThrow, toApiMonitor, updateMonitor } from "..";
import { DEFAULT_FORM_VALUES, formValuesFromMonitor, inputFromFormValues } from "../form";
import { validateMonitorInput } from "../validate";
import { checkRunner } from "./registry";

const writer = new ResultWriter(db, { flushMs: 5 });
const zone: DnsZone = new Map();
let dnsServer: Awaited<ReturnType<typeof startDnsResponder>>;
let listener: net.Server;
let tcpPort: number;

beforeAll(async () => {
  dnsServer = await startDnsResponder(zone);
  listener = net.createServer((s) => s.end());
  await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
  tcpPort = (listener.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await writer.close();
  await dnsServer.close();
  listener.close();
  await closeDb();
  await closeRedis();
});

function fieldsOf(input: unknown): Record<string, string> {
  try {
    validateMonitorInput(input);
  } catch (err) {
    if (err instanceof ValidationError) return err.fields ?? {};
    throw err;
  }
  throw new Error("expected a validation error");
}

const tcp = (extra: Record<string, unknown> = {}) => ({ type: "tcp", name: "db", host: "db.example.com", port: 5432, ...extra });
const dns = (extra: Record<string, unknown> = {}) => ({ type: "dns", name: "apex", hostname: "example.com", ...extra });

/** One check through the real path: the kind's runner → batched writer → incident rule. */
async function check(monitorId: string) {
  const [m] = await db.select().from(monitors).where(eq(monitors.id, monitorId));
  const cache = { get: async () => m } as unknown as MonitorCache;
  const runCheck = checkRunner({ allowPrivate: false, allowHosts: ["127.0.0.1"] });
  return runCheckJob(
    { db, monitors: cache, runCheck, writer, allRegions: ["eu"], recheck: async () => {} },
    { monitorId, region: "eu", slot: Date.now() + Math.random() * 1000, kind: "slot" },
  );
}

describe("tcp and dns monitors: bad input", () => {
  it("refuses port 0 or above 65535, a URL or an invalid name as host", () => {
    expect(fieldsOf(tcp({ port: 0 })).port).toBe("Port must be from 1 to 65535");
    expect(fieldsOf(tcp({ port: 65536 })).port).toBe("Port must be from 1 to 65535");
    expect(fieldsOf(tcp({ port: "5432" })).port).toMatch(/number/);
    expect(fieldsOf(tcp({ host: "https://db.example.com" })).host).toMatch(/not a URL/);
    expect(fieldsOf(tcp({ host: "db.example.com/x" })).host).toMatch(/not a URL/);
    expect(fieldsOf(tcp({ host: "db..example.com" })).host).toMatch(/valid host name/);
    expect(fieldsOf(tcp({ host: "db.example.com:5432" })).host).toMatch(/port/);
    expect(fieldsOf(tcp({ host: undefined })).host).toBeTruthy();
    expect(fieldsOf(dns({ hostname: "exa mple.com" })).hostname).toMatch(/valid host name/);
  });

  it("refuses an unknown record type, a resolver that is not an IP, and fields of other kinds", () => {
    expect(fieldsOf(dns({ recordType: "PTR" })).recordType).toMatch(/^Record type must be one of A, AAAA/);
    expect(fieldsOf(dns({ resolver: "dns.google" })).resolver).toMatch(/IP address/);
    expect(fieldsOf(dns({ resolver: "1.1.1.1:99999" })).resolver).toMatch(/IP address/);
    expect(fieldsOf(dns({ expectedValues: "1.2.3.4" })).expectedValues).toMatch(/list/);
    expect(fieldsOf(tcp({ url: "https://x.example" })).url).toBe("URL is only for HTTP and browser monitors");
    expect(fieldsOf(tcp({ recordType: "A" })).recordType).toBe("Record type is only for DNS monitors");
    expect(fieldsOf({ type: "heartbeat", name: "job", periodSeconds: 3600, port: 1 }).port).toBe("Port is only for TCP monitors");
    expect(fieldsOf({ type: "ping", name: "x" }).type).toMatch(/"http", "heartbeat", "tcp", "dns" or "browser"/);
  });

  it("refuses a private target or resolver the operator hasn't allowed (127.0.0.1 is allowed here)", () => {
    expect(fieldsOf(tcp({ host: "10.0.0.5" })).host).toMatch(
      /^Blocked: 10\.0\.0\.5 is a private address; the operator can allow it with CHECKS_ALLOW_HOSTS=10\.0\.0\.5:5432/,
    );
    expect(fieldsOf(tcp({ host: "[fd00::1]" })).host).toMatch(/^Blocked: fd00::1/);
    expect(fieldsOf(dns({ resolver: "192.168.1.1:53" })).resolver).toMatch(/^Blocked: 192\.168\.1\.1/);
    expect(validateMonitorInput(tcp({ host: "127.0.0.1" }))).toMatchObject({ host: "127.0.0.1" });
    expect(validateMonitorInput(dns({ resolver: "1.1.1.1" }))).toMatchObject({
      resolver: "1.1.1.1",
      recordType: "A",
      expectedValues: [],
      intervalSeconds: 60,
      timeoutSeconds: 10,
    });
  });
});

describe("tcp and dns monitors: through the verbs, the API shape, the form and the worker", () => {
  it("creates a TCP monitor, shows its fields in the API, patches it, and is down once the listener closes", async () => {
    const { workspaceId } = await createTestUser();
    const ctx = userCtx(db, workspaceId);
    const m = await createMonitor(ctx, tcp({ host: "127.0.0.1", port: tcpPort, intervalSeconds: 30 }));
    const api = toApiMonitor(m);
    expect(api).toMatchObject({
      type: "tcp",
      host: "127.0.0.1",
      port: tcpPort,
      intervalSeconds: 30,
      timeoutSeconds: 10,
      regions: [],
      failureThreshold: 1,
      recoveryThreshold: 1,
    });
    expect(Object.keys(api)).not.toContain("url");
    expect(formValuesFromMonitor(m)).toMatchObject({ type: "tcp", host: "127.0.0.1", port: String(tcpPort) });
    expect(validateMonitorInput(inputFromFormValues(formValuesFromMonitor(m)))).toMatchObject({ type: "tcp", port: tcpPort });
    await expect(updateMonitor(ctx, m.id, { port: 0 })).rejects.toMatchObject({ fields: { port: "Port must be from 1 to 65535" } });
    await expect(updateMonitor(ctx, m.id, { cron: "0 3 * * *" })).rejects.toMatchObject({ fields: { cron: "Cron is only for heartbeat monitors" } });
    expect(toApiMonitor(await updateMonitor(ctx, m.id, { timeoutSeconds: 2 }))).toMatchObject({ host: "127.0.0.1", port: tcpPort, timeoutSeconds: 2 });
    // Another workspace's id is a 404.
    const other = await createTestUser();
    await expect(getMonitorOrThrow(userCtx(db, other.workspaceId), m.id)).rejects.toMatchObject({ name: "NotFoundError" });

    expect(await check(m.id)).toMatchObject({ status: "checked", ok: true });
    const [up] = await db.select().from(checkResults).where(eq(checkResults.monitorId, m.id));
    expect(up.connectMs).not.toBeNull();

    // Close the listener mid-test: the next check is refused and opens an incident named by the kind.
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", r));
    const deadPort = (closed.address() as net.AddressInfo).port;
    await new Promise((r) => closed.close(r));
    await updateMonitor(ctx, m.id, { port: deadPort });
    expect(await check(m.id)).toMatchObject({ status: "checked", ok: false });
    const [incident] = await db
      .select()
      .from(incidents)
      .where(and(eq(incidents.monitorId, m.id), eq(incidents.status, "open")));
    expect(incident.cause).toContain("Connection refused");
  });

  it("creates a DNS monitor whose answer is kept with the result; a changed answer opens an incident", async () => {
    const { workspaceId } = await createTestUser();
    const ctx = userCtx(db, workspaceId);
    zone.set("shop.vigil.test|A", [{ type: "A", value: "192.0.2.1" }]);
    const resolver = `127.0.0.1:${dnsServer.port}`;
    const m = await createMonitor(ctx, dns({ hostname: "shop.vigil.test", resolver, expectedValues: ["192.0.2.1"] }));
    expect(toApiMonitor(m)).toMatchObject({ type: "dns", hostname: "shop.vigil.test", recordType: "A", resolver, expectedValues: ["192.0.2.1"] });
    expect(await check(m.id)).toMatchObject({ ok: true });
    zone.set("shop.vigil.test|A", [{ type: "A", value: "203.0.113.9" }]);
    expect(await check(m.id)).toMatchObject({ ok: false });
    const rows = await db.select().from(checkResults).where(eq(checkResults.monitorId, m.id)).orderBy(checkResults.id);
    expect(rows.map((r) => r.detail)).toEqual([
      { recordType: "A", resolver, answers: ["192.0.2.1"] },
      { recordType: "A", resolver, answers: ["203.0.113.9"], missing: ["192.0.2.1"] },
    ]);
    expect(rows[1]).toMatchObject({ ok: false, errorClass: "assertion" });
    // The API's CheckResult carries the answers too.
    const [newest] = (await listChecks(ctx, m.id, { limit: 1 })).map(toApiCheck);
    expect(newest).toMatchObject({ ok: false, statusCode: null, detail: { answers: ["203.0.113.9"], missing: ["192.0.2.1"] } });
    const [incident] = await db.select().from(incidents).where(eq(incidents.monitorId, m.id));
    expect(incident.cause).toContain("192.0.2.1 missing");
    // The form offers every kind, DNS's defaults included.
    expect(DEFAULT_FORM_VALUES).toMatchObject({ recordType: "A", host: "", hostname: "" });
  });
});
