import net from "node:net";
import { Agent, type buildConnector } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkReq, lookupTo, startHttp, type Target } from "./__fixtures__/targets";
import { runHttpCheck, type HttpCheckDeps } from "./http-check";

let target: Target;
const hits: string[] = [];

beforeAll(async () => {
  target = await startHttp((req, res) => {
    hits.push(req.url!);
    const to = req.url!.slice("/redirect?to=".length);
    if (req.url!.startsWith("/redirect?to=")) return res.writeHead(302, { location: decodeURIComponent(to) }).end();
    res.end("internal secret");
  });
});
afterAll(() => target.close());

const guarded = { allowPrivate: false };

// "public.test" stands for a public site: the test's own transport carries it to the local target
// without the guard, and every other hop (the redirects under test) goes through the engine's guard.
const publicFirstHop: HttpCheckDeps = {
  lookup: lookupTo({ "rebind.test": ["10.0.0.5"] }),
  dispatcherFor: (guardedConnect) =>
    new Agent({
      connect: ((opts, cb) => {
        if (opts.hostname !== "public.test") return guardedConnect(opts, cb);
        const s = net.connect({ host: "127.0.0.1", port: Number(opts.port) });
        s.once("connect", () => cb(null, s)).once("error", (e) => cb(e, null));
      }) as buildConnector.connector,
    }),
};

describe("SSRF guard in the engine", () => {
  it.each([
    ["127.0.0.1", "127.0.0.1 is a loopback address", "127.0.0.1"],
    ["127.1", "127.0.0.1 is a loopback address", "127.0.0.1"], // the URL parser normalizes the short forms…
    ["2130706433", "127.0.0.1 is a loopback address", "127.0.0.1"], // …decimal…
    ["0x7f.0.0.1", "127.0.0.1 is a loopback address", "127.0.0.1"], // …hex…
    ["0x7f.1", "127.0.0.1 is a loopback address", "127.0.0.1"],
    ["017700000001", "127.0.0.1 is a loopback address", "127.0.0.1"], // …and octal
    ["0.0.0.0", "0.0.0.0 is an unspecified address", "0.0.0.0"],
    ["[::1]", "::1 is a loopback address", "[::1]"],
    ["[::ffff:127.0.0.1]", "::ffff:7f00:1 is a loopback address", "[::ffff:7f00:1]"],
    ["[0:0:0:0:0:ffff:7f00:0001]", "::ffff:7f00:1 is a loopback address", "[::ffff:7f00:1]"],
    ["[::ffff:0:127.0.0.1]", "::ffff:0:7f00:1 is a loopback address", "[::ffff:0:7f00:1]"],
  ])("refuses the IP literal %s without connecting", async (host, what, entry) => {
    const before = hits.length;
    const r = await runHttpCheck(checkReq(`http://${host}:${target.port}/`, guarded));
    const error = `Blocked: ${what}; the operator can allow it with CHECKS_ALLOW_HOSTS=${entry}:${target.port} or CHECKS_ALLOW_PRIVATE=true`;
    expect(r).toMatchObject({ ok: false, errorClass: "blocked", error, statusCode: null, remoteAddress: null });
    expect(hits.length).toBe(before);
  });

  it("refuses a name that resolves to loopback (checked on the resolved address)", async () => {
    const before = hits.length;
    const r = await runHttpCheck(checkReq(`http://localhost:${target.port}/`, guarded));
    expect(r.errorClass).toBe("blocked");
    expect(r.error).toBe(
      `Blocked: localhost resolves to a loopback address; the operator can allow it with CHECKS_ALLOW_HOSTS=localhost:${target.port} or CHECKS_ALLOW_PRIVATE=true`,
    );
    expect(r.timings.dnsMs).not.toBeNull();
    expect(hits.length).toBe(before);
  });

  it("guards https the same way (the TLS connection resolves through the guard too)", async () => {
    const r = await runHttpCheck(checkReq("https://intranet.test/", guarded), { lookup: lookupTo({ "intranet.test": ["192.168.1.10"] }) });
    expect(r).toMatchObject({
      errorClass: "blocked",
      error:
        "Blocked: intranet.test resolves to a private address; the operator can allow it with CHECKS_ALLOW_HOSTS=intranet.test:443 or CHECKS_ALLOW_PRIVATE=true",
    });
    const literal = await runHttpCheck(checkReq("https://[fe80::1]/", guarded));
    expect(literal).toMatchObject({
      errorClass: "blocked",
      error: "Blocked: fe80::1 is a link-local address; the operator can allow it with CHECKS_ALLOW_HOSTS=[fe80::1]:443 or CHECKS_ALLOW_PRIVATE=true",
    });
  });

  it.each([
    ["10.1.2.3", "a private"],
    ["172.20.0.1", "a private"],
    ["192.168.0.10", "a private"],
    ["169.254.169.254", "a cloud metadata"],
    ["100.100.100.200", "a cloud metadata"],
    ["fd00:ec2::254", "a cloud metadata"],
    ["::ffff:169.254.169.254", "a cloud metadata"],
    ["::ffff:7f00:1", "a loopback"],
    ["::ffff:0:a00:1", "a private"],
    ["64:ff9b::a9fe:a9fe", "a cloud metadata"],
    ["fe80::1", "a link-local"],
    ["fd12::1", "a unique-local"],
    ["100.64.0.1", "a carrier-grade NAT"],
    ["198.18.0.1", "a benchmarking"],
    ["192.0.2.10", "a documentation"],
    ["2001:db8::1", "a documentation"],
  ])("refuses a name that resolves to %s, without echoing the address", async (address, what) => {
    const r = await runHttpCheck(checkReq("http://inside.test/", guarded), { lookup: lookupTo({ "inside.test": [address] }) });
    expect(r).toMatchObject({
      errorClass: "blocked",
      error: `Blocked: inside.test resolves to ${what} address; the operator can allow it with CHECKS_ALLOW_HOSTS=inside.test:80 or CHECKS_ALLOW_PRIVATE=true`,
    });
  });

  it("refuses a name whose every address is private (DNS rebinding: the answer at connect time counts)", async () => {
    const r = await runHttpCheck(checkReq("http://rebind.test/", guarded), { lookup: lookupTo({ "rebind.test": ["10.0.0.5", "127.0.0.1"] }) });
    expect(r).toMatchObject({
      errorClass: "blocked",
      error:
        "Blocked: rebind.test resolves to a private address; the operator can allow it with CHECKS_ALLOW_HOSTS=rebind.test:80 or CHECKS_ALLOW_PRIVATE=true",
    });
    expect(r.error).not.toContain("10.0.0.5");
  });

  it("never connects to the blocked addresses of a mixed answer", async () => {
    // 198.20.0.1 (just past the benchmarking range) is public but unroutable here: the check must try it, not 127.0.0.1.
    const before = hits.length;
    const r = await runHttpCheck(checkReq(`http://mixed.test:${target.port}/`, { ...guarded, timeoutMs: 300 }), {
      lookup: lookupTo({ "mixed.test": ["127.0.0.1", "198.20.0.1"] }),
    });
    expect(r.ok).toBe(false);
    expect(r.errorClass).not.toBe("blocked");
    expect(r.remoteAddress).toBeNull();
    expect(hits.length).toBe(before); // no request reached the local target
  });

  it.each([
    ["http://localhost:PORT/secret", /^Blocked: localhost resolves to a loopback address/],
    ["http://rebind.test:PORT/secret", /^Blocked: rebind\.test resolves to a private address;/],
    ["http://169.254.169.254/latest/meta-data/", /^Blocked: 169\.254\.169\.254 is a cloud metadata address/],
    ["http://[fd00:ec2::254]/latest/meta-data/", /^Blocked: fd00:ec2::254 is a cloud metadata address/],
  ])("a redirect from a public site to %s is refused at that hop", async (to, message) => {
    const dest = to.replace("PORT", String(target.port));
    const before = hits.length;
    const r = await runHttpCheck(checkReq(`http://public.test:${target.port}/redirect?to=${encodeURIComponent(dest)}`, guarded), publicFirstHop);
    expect(r.errorClass).toBe("blocked");
    expect(r.error).toMatch(message);
    expect(hits.slice(before)).toEqual([`/redirect?to=${encodeURIComponent(dest)}`]); // /secret never reached
  });

  it("allowPrivate lets the same checks through", async () => {
    expect(await runHttpCheck(checkReq(`http://localhost:${target.port}/`, { allowPrivate: true }))).toMatchObject({ ok: true, statusCode: 200 });
    const via = await runHttpCheck(
      checkReq(`http://public.test:${target.port}/redirect?to=${encodeURIComponent(`http://localhost:${target.port}/secret`)}`, { allowPrivate: true }),
      publicFirstHop,
    );
    expect(via).toMatchObject({ ok: true, statusCode: 200 });
  });
});
