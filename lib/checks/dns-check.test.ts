import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDnsResponder, type DnsZone } from "../../tests/dns-responder";
import { answerMatches, parseResolver, runDnsCheck, type DnsCheckInput } from "./dns-check";

const zone: DnsZone = new Map();
let dns: Awaited<ReturnType<typeof startDnsResponder>>;
let resolver: string;

beforeAll(async () => {
  dns = await startDnsResponder(zone);
  resolver = `127.0.0.1:${dns.port}`;
});
afterAll(() => dns.close());

const check = (extra: Partial<DnsCheckInput>) =>
  runDnsCheck({ hostname: "app.vigil.test", recordType: "A", resolver, expectedValues: [], timeoutMs: 1500, allowPrivate: true, ...extra });

describe("dns check against a local responder whose answers change", () => {
  it("is up while the expected address is answered, down once the answer changes, up again after", async () => {
    zone.set("app.vigil.test|A", [
      { type: "A", value: "192.0.2.10" },
      { type: "A", value: "192.0.2.11" },
    ]);
    const up = await check({ expectedValues: ["192.0.2.10"] });
    expect(up).toMatchObject({ ok: true, errorClass: null, detail: { recordType: "A", answers: ["192.0.2.10", "192.0.2.11"] } });
    expect(up.timings.dnsMs).toBeGreaterThanOrEqual(0);

    zone.set("app.vigil.test|A", [{ type: "A", value: "198.51.100.7" }]);
    const down = await check({ expectedValues: ["192.0.2.10"] });
    expect(down).toMatchObject({ ok: false, errorClass: "assertion", detail: { answers: ["198.51.100.7"], missing: ["192.0.2.10"] } });
    expect(down.error).toContain("192.0.2.10");
    // No expected values: any answer will do.
    expect(await check({})).toMatchObject({ ok: true });
  });

  it("is down on NXDOMAIN, SERVFAIL and a timeout", async () => {
    const nx = await check({ hostname: "gone.vigil.test" });
    expect(nx).toMatchObject({ ok: false, errorClass: "dns", detail: { rcode: "NXDOMAIN" } });
    expect(nx.error).toMatch(/^NXDOMAIN/);
    zone.set("broken.vigil.test|A", "SERVFAIL");
    expect(await check({ hostname: "broken.vigil.test" })).toMatchObject({ ok: false, errorClass: "dns", detail: { rcode: "SERVFAIL" } });
    zone.set("slow.vigil.test|A", "SILENT");
    const slow = await check({ hostname: "slow.vigil.test", timeoutMs: 300 });
    expect(slow).toMatchObject({ ok: false, errorClass: "timeout" });
    expect(slow.latencyMs).toBeLessThan(1500);
  });

  it("shares one resolver between checks without one's timeout failing another's query", async () => {
    zone.set("silent.vigil.test|A", "SILENT");
    // Same resolver and timeout, so the same shared channel: the second is still waiting when the first times out.
    const [first, second] = await Promise.all([
      check({ hostname: "silent.vigil.test", timeoutMs: 400 }),
      new Promise((r) => setTimeout(r, 200)).then(() => check({ hostname: "silent.vigil.test", timeoutMs: 400 })),
    ]);
    expect(first).toMatchObject({ ok: false, errorClass: "timeout" });
    // Its own full timeout, not cut short (and misreported) when the first one gave up.
    expect(second).toMatchObject({ ok: false, errorClass: "timeout" });
    expect(second.latencyMs).toBeGreaterThanOrEqual(390);
    zone.set("fine.vigil.test|A", [{ type: "A", value: "192.0.2.20" }]);
    expect(await check({ hostname: "fine.vigil.test", timeoutMs: 400 })).toMatchObject({ ok: true, detail: { answers: ["192.0.2.20"] } });
  });

  it("answers a burst of 400 checks at once without a false timeout", async () => {
    zone.set("burst.vigil.test|A", [{ type: "A", value: "192.0.2.30" }]);
    const results = await Promise.all(Array.from({ length: 400 }, () => check({ hostname: "burst.vigil.test", timeoutMs: 3000 })));
    expect(results.filter((r) => !r.ok).map((r) => r.error)).toEqual([]);
  });

  it("reads every record type as one line each, and matches expected values the way people write them", async () => {
    zone.set("vigil.test|MX", [
      { type: "MX", priority: 20, exchange: "mx2.vigil.test" },
      { type: "MX", priority: 10, exchange: "mx1.vigil.test" },
    ]);
    zone.set("vigil.test|TXT", [{ type: "TXT", value: "v=spf1 -all" }]);
    zone.set("vigil.test|NS", [{ type: "NS", value: "ns1.vigil.test" }]);
    zone.set("vigil.test|CAA", [{ type: "CAA", flags: 0, tag: "issue", value: "letsencrypt.org" }]);
    zone.set("_sip._tcp.vigil.test|SRV", [{ type: "SRV", priority: 1, weight: 5, port: 5060, target: "sip.vigil.test" }]);
    zone.set("www.vigil.test|CNAME", [{ type: "CNAME", value: "app.vigil.test" }]);
    zone.set("vigil.test|AAAA", [{ type: "AAAA", value: "2001:db8::1" }]);
    expect((await check({ hostname: "vigil.test", recordType: "MX", expectedValues: ["mx1.vigil.test.", "20 MX2.vigil.test"] })).detail.answers).toEqual([
      "10 mx1.vigil.test",
      "20 mx2.vigil.test",
    ]);
    expect(await check({ hostname: "vigil.test", recordType: "TXT", expectedValues: ["v=spf1 -all"] })).toMatchObject({ ok: true });
    expect(await check({ hostname: "vigil.test", recordType: "NS", expectedValues: ["ns1.vigil.test"] })).toMatchObject({ ok: true });
    expect(await check({ hostname: "vigil.test", recordType: "CAA" })).toMatchObject({ ok: true, detail: { answers: ['0 issue "letsencrypt.org"'] } });
    expect(await check({ hostname: "_sip._tcp.vigil.test", recordType: "SRV", expectedValues: ["sip.vigil.test"] })).toMatchObject({
      ok: true,
      detail: { answers: ["1 5 5060 sip.vigil.test"] },
    });
    expect(await check({ hostname: "www.vigil.test", recordType: "CNAME", expectedValues: ["app.vigil.test"] })).toMatchObject({ ok: true });
    expect(await check({ hostname: "vigil.test", recordType: "AAAA", expectedValues: ["2001:0db8:0:0::1"] })).toMatchObject({ ok: true });
    // A name with records of other types only: no data, down.
    expect(await check({ hostname: "vigil.test", recordType: "A" })).toMatchObject({ ok: false, errorClass: "dns" });
  });

  it("refuses a private resolver without the operator's allowance", async () => {
    const before = dns.queries;
    const r = await check({ allowPrivate: false });
    expect(r).toMatchObject({ ok: false, errorClass: "blocked" });
    expect(dns.queries).toBe(before);
    expect(await check({ allowPrivate: false, allowHosts: [resolver] })).toMatchObject({ errorClass: expect.not.stringMatching("blocked") });
  });

  it("parses resolvers and compares answers", () => {
    expect(parseResolver("1.1.1.1")).toEqual({ ip: "1.1.1.1", port: 53 });
    expect(parseResolver("[2606:4700::1111]:5353")).toEqual({ ip: "2606:4700::1111", port: 5353 });
    expect(parseResolver("dns.google")).toBeNull();
    expect(parseResolver("1.1.1.1:0")).toBeNull();
    expect(answerMatches("TXT", "ABC", "abc")).toBe(false);
    expect(answerMatches("CNAME", "App.Example.com.", "app.example.com")).toBe(true);
  });
});
