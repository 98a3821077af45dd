/**
 * One SSRF table for both ways Vigil makes requests a workspace member chose: checks (the HTTP engine)
 * and alert webhooks (the outgoing client). Every internal address, in every spelling, directly, behind
 * a DNS name and behind a redirect, must be refused without a connection being made; a refusal of a
 * name never names the address it resolved to; the operator's allowances open exactly what they name.
 */
import type http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendHttp } from "@/lib/alerts/outgoing";
import type { LookupFn } from "@/lib/checks/connector";
import { runHttpCheck } from "@/lib/checks/http-check";
import { checkReq, lookupTo, startHttp, type Target } from "@/lib/checks/__fixtures__/targets";

const TIMEOUT_MS = 3000;
let canary: Target; // a loopback service that must never be reached while the guard is on
let canaryHits = 0;
let bouncer: Target; // a service the operator allowed, answering with a redirect to ?to=
const bounced: string[] = [];

beforeAll(async () => {
  canary = await startHttp((_req, res) => {
    canaryHits++;
    res.end("internal secret");
  });
  bouncer = await startHttp((req: http.IncomingMessage, res) => {
    const to = new URL(req.url!, "http://x").searchParams.get("to");
    bounced.push(req.url!);
    if (to) return res.writeHead(302, { location: to }).end();
    res.end("ok");
  });
});
afterAll(async () => {
  await canary.close();
  await bouncer.close();
});

type Guard = { allowPrivate?: boolean; allowHosts?: string[]; lookup?: LookupFn };
type Outcome = { blocked: boolean; ok: boolean; error: string | null; permanent?: boolean };

/** The two engines, asked the same thing. */
const engines: Record<string, (url: string, g?: Guard) => Promise<Outcome>> = {
  check: async (url, g = {}) => {
    const r = await runHttpCheck(checkReq(url, { allowPrivate: g.allowPrivate ?? false, allowHosts: g.allowHosts ?? [], timeoutMs: TIMEOUT_MS }), {
      lookup: g.lookup,
    });
    return { blocked: r.errorClass === "blocked", ok: r.ok, error: r.error };
  },
  webhook: async (url, g = {}) => {
    const r = await sendHttp(
      { url, headers: { "content-type": "application/json" }, body: "{}" },
      { allowPrivate: g.allowPrivate ?? false, allowHosts: g.allowHosts ?? [], lookup: g.lookup, timeoutMs: TIMEOUT_MS },
    );
    return r.ok ? { blocked: false, ok: true, error: null } : { blocked: r.error.startsWith("Blocked:"), ok: false, error: r.error, permanent: r.permanent };
  },
};

/** Host spellings in a URL (the port is the canary's, so a loopback that slips through is counted). */
const LITERALS: [string, string][] = [
  // loopback, every way a URL can spell it
  ["loopback", "127.0.0.1"],
  ["loopback short", "127.1"],
  ["loopback decimal", "2130706433"],
  ["loopback hex", "0x7f000001"],
  ["loopback dotted hex", "0x7f.0.0.1"],
  ["loopback octal", "0177.0.0.1"],
  ["loopback octal whole", "017700000001"],
  ["loopback elsewhere in 127/8", "127.255.254.1"],
  ["loopback v6", "[::1]"],
  ["loopback v6 long", "[0:0:0:0:0:0:0:1]"],
  ["mapped loopback dotted", "[::ffff:127.0.0.1]"],
  ["mapped loopback hex", "[::ffff:7f00:1]"],
  ["mapped loopback long", "[0:0:0:0:0:ffff:7f00:0001]"],
  ["translated loopback", "[::ffff:0:127.0.0.1]"],
  ["compatible loopback", "[::127.0.0.1]"],
  ["NAT64 loopback", "[64:ff9b::127.0.0.1]"],
  ["6to4 loopback", "[2002:7f00:1::]"],
  ["unspecified", "0.0.0.0"],
  ["unspecified short", "0"],
  ["unspecified v6", "[::]"],
  // private
  ["10/8", "10.0.0.5"],
  ["10/8 top", "10.255.255.254"],
  ["172.16/12", "172.16.0.1"],
  ["172.16/12 top", "172.31.255.254"],
  ["192.168/16", "192.168.1.1"],
  ["mapped 10/8", "[::ffff:10.0.0.5]"],
  ["mapped 192.168", "[::ffff:c0a8:101]"],
  ["unique local fc00::/7", "[fc00::1]"],
  ["unique local fd", "[fd12:3456:789a::1]"],
  ["shared 100.64/10", "100.64.0.1"],
  ["benchmarking 198.18/15", "198.18.0.1"],
  // link-local and metadata
  ["link-local", "169.254.1.1"],
  ["link-local v6", "[fe80::1]"],
  ["metadata AWS/GCP/Azure", "169.254.169.254"],
  ["metadata decimal", "2852039166"],
  ["metadata mapped", "[::ffff:169.254.169.254]"],
  ["metadata AWS v6", "[fd00:ec2::254]"],
  ["metadata Alibaba", "100.100.100.200"],
  ["metadata Azure wire server", "168.63.129.16"],
  // the rest of the special-purpose registries
  ["TEST-NET-1", "192.0.2.1"],
  ["TEST-NET-3", "203.0.113.1"],
  ["6to4 relay anycast", "192.88.99.1"],
  ["multicast", "224.0.0.1"],
  ["broadcast", "255.255.255.255"],
  ["reserved", "240.0.0.1"],
  ["documentation v6", "[2001:db8::1]"],
  ["multicast v6", "[ff02::1]"],
];

/** Addresses a name may resolve to (as a resolver returns them), each of which must be refused. */
const RESOLVED = [
  "127.0.0.1",
  "127.0.0.53",
  "::1",
  "10.1.2.3",
  "172.20.0.2",
  "192.168.0.10",
  "fd00::1234",
  "fe80::abcd",
  "169.254.169.254",
  "fd00:ec2::254",
  "100.100.100.200",
  "::ffff:127.0.0.1",
  "::ffff:10.9.8.7",
  "0.0.0.0",
  "64:ff9b::a00:1",
];

const canaryUrl = (host: string) => `http://${host}:${canary.port}/latest/meta-data/`;

describe.each(Object.keys(engines))("SSRF guard: %s", (name) => {
  const send = engines[name]!;

  it.each(LITERALS)("refuses %s (%s) without connecting", async (_label, host) => {
    const before = canaryHits;
    const r = await send(canaryUrl(host));
    expect(r, `${host}: ${r.error}`).toMatchObject({ blocked: true, ok: false });
    if (name === "webhook") expect(r.permanent).toBe(true);
    expect(canaryHits).toBe(before);
  });

  it.each(["localhost", "LOCALHOST", "localhost.", "ip6-localhost"])("refuses the name %s (resolved by the system)", async (host) => {
    const before = canaryHits;
    const r = await send(canaryUrl(host));
    // "localhost." and ip6-localhost may be unknown to this machine's resolver (no DNS here): then they
    // fail to resolve, which is fine too; where they resolve, it is to loopback, and refused.
    if (host !== "localhost" && host !== "LOCALHOST" && !r.blocked) expect(r.error).toMatch(/DNS lookup failed|ENOTFOUND|EAI_AGAIN/i);
    else expect(r, String(r.error)).toMatchObject({ blocked: true, ok: false });
    expect(canaryHits).toBe(before);
  });

  it.each(RESOLVED)("refuses a name resolving to %s, and never says where it resolved", async (address) => {
    const before = canaryHits;
    const r = await send(canaryUrl("internal.example.test"), { lookup: lookupTo({ "internal.example.test": [address] }) });
    expect(r, String(r.error)).toMatchObject({ blocked: true, ok: false });
    expect(r.error).toMatch(/internal\.example\.test resolves to/);
    for (const leak of [address, address.replace(/^::ffff:/, ""), ...address.split(/[.:]/).filter((p) => p.length >= 3)]) expect(r.error).not.toContain(leak);
    expect(canaryHits).toBe(before);
  });

  it.each([
    ["a homoglyph name (Cyrillic а)", "intern\u0430l.example.test"],
    ["a name with a zero-width space", "inter\u200Bnal.example.test"],
    ["an upper-case name with a trailing dot", "INTERNAL.EXAMPLE.TEST."],
  ])("judges %s by the address it resolves to", async (_label, host) => {
    const asked: string[] = [];
    const lookup: LookupFn = (hostname, cb) => {
      asked.push(hostname);
      lookupTo({}, ["10.0.0.7"])(hostname, cb);
    };
    const r = await send(canaryUrl(host), { lookup });
    expect(r, String(r.error)).toMatchObject({ blocked: true, ok: false });
    expect(r.error).not.toContain("10.0.0.7");
    // The resolver is asked for the ASCII (punycode, IDNA-mapped) name the URL parser made of it.
    expect(asked).toEqual([new URL(canaryUrl(host)).hostname]);
    expect(asked[0]).toMatch(/^[\x21-\x7e]+$/);
  });

  it("refuses a name whose every address is internal, v4 and v6 together", async () => {
    const r = await send(canaryUrl("both.example.test"), { lookup: lookupTo({ "both.example.test": ["10.0.0.1", "fd00::1", "127.0.0.1"] }) });
    expect(r).toMatchObject({ blocked: true, ok: false });
    expect(r.error).not.toMatch(/10\.0\.0\.1|fd00|127\.0\.0\.1/);
  });

  it.each([
    ...LITERALS.filter(([label]) => /^(loopback|mapped loopback hex|unspecified|10\/8|unique local|link-local|metadata)/.test(label)),
    ["a name resolving to metadata", "meta.example.test"],
  ])("a redirect from an allowed service to %s (%s) is refused", async (label, host) => {
    const to = canaryUrl(host);
    const before = canaryHits;
    const lookup = lookupTo({ "meta.example.test": ["169.254.169.254"] });
    const hops = bounced.length;
    const r = await send(bouncer.url(`/go?to=${encodeURIComponent(to)}`), { allowHosts: [`127.0.0.1:${bouncer.port}`], lookup });
    expect(bounced.length, label).toBe(hops + 1); // the allowed service was asked
    expect(canaryHits, label).toBe(before); // the redirect target never was
    expect(r.ok).toBe(false);
    if (name === "check") expect(r.blocked, `${label}: ${r.error}`).toBe(true);
    else expect(r).toMatchObject({ permanent: true, error: expect.stringMatching(/redirects are not followed/) }); // webhooks never follow
    if (label.includes("name")) expect(r.error).not.toContain("169.254.169.254");
  });

  it("operator allowances: allowPrivate opens everything; allowHosts opens exactly the host:port it names", async () => {
    const before = canaryHits;
    expect((await send(canaryUrl("127.0.0.1"), { allowPrivate: true })).ok).toBe(true);
    expect((await send(canaryUrl("127.0.0.1"), { allowHosts: [`127.0.0.1:${canary.port}`] })).ok).toBe(true);
    expect(canaryHits).toBe(before + 2);

    // Another port of the same host, the same address under another spelling, a name for it: all still refused.
    expect((await send(canaryUrl("127.0.0.1"), { allowHosts: [`127.0.0.1:${canary.port + 1}`] })).blocked).toBe(true);
    expect((await send(canaryUrl("127.1"), { allowHosts: [`127.0.0.2:${canary.port}`] })).blocked).toBe(true);
    expect((await send(canaryUrl("[::ffff:7f00:1]"), { allowHosts: [`127.0.0.1:${canary.port}`] })).blocked).toBe(true);
    expect(
      (await send(canaryUrl("db.internal.test"), { allowHosts: [`127.0.0.1:${canary.port}`], lookup: lookupTo({ "db.internal.test": ["127.0.0.1"] }) }))
        .blocked,
    ).toBe(true);
    // An entry is a host, not a suffix or a prefix.
    expect(
      (await send(canaryUrl("db.internal.test"), { allowHosts: [`internal.test:${canary.port}`], lookup: lookupTo({ "db.internal.test": ["127.0.0.1"] }) }))
        .blocked,
    ).toBe(true);
    expect(
      (
        await send(canaryUrl("db.internal.test"), {
          allowHosts: [`db.internal.test.evil:${canary.port}`],
          lookup: lookupTo({ "db.internal.test": ["127.0.0.1"] }),
        })
      ).blocked,
    ).toBe(true);
    // The name as written, with its port, is allowed, whatever it resolves to.
    expect(
      (await send(canaryUrl("db.internal.test"), { allowHosts: [`db.internal.test:${canary.port}`], lookup: lookupTo({ "db.internal.test": ["127.0.0.1"] }) }))
        .ok,
    ).toBe(true);
    expect(canaryHits).toBe(before + 3);
  });

  it("an allowed host doesn't vouch for where it redirects: the next hop is judged on its own", async () => {
    if (name === "webhook") return; // webhooks never follow redirects (asserted above)
    const before = canaryHits;
    // Allowed: bouncer and canary both listed, so the redirect goes through.
    const both = await send(bouncer.url(`/go?to=${encodeURIComponent(canaryUrl("127.0.0.1"))}`), {
      allowHosts: [`127.0.0.1:${bouncer.port}`, `127.0.0.1:${canary.port}`],
    });
    expect(both.ok).toBe(true);
    expect(canaryHits).toBe(before + 1);
  });
});
