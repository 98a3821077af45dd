import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { checkReq, startHttp, startRaw, type Target } from "./__fixtures__/targets";
import { runHttpCheck } from "./http-check";

const targets: Target[] = [];
const track = async (t: Promise<Target>) => (targets.push(await t), targets.at(-1)!);
afterAll(() => Promise.all(targets.map((t) => t.close())));

const timed = async (p: Promise<T>) => {
  const t0 = performance.now();
  const r = await p;
  return { r, ms: performance.now() - t0 };
};
type T = Awaited<ReturnType<typeof runHttpCheck>>;

/** Writes `chunk` forever, respecting backpressure, until the client goes away. */
function writeForever(res: import("node:http").ServerResponse, chunk: Buffer) {
  const pump = () => {
    while (!res.destroyed && res.write(chunk));
    if (!res.destroyed) res.once("drain", pump);
  };
  pump();
}

describe("runHttpCheck: targets that misbehave", () => {
  it("DNS failure", async () => {
    const r = await runHttpCheck(checkReq("http://vigil-check.invalid/"));
    expect(r).toMatchObject({ ok: false, statusCode: null, errorClass: "dns" });
    expect(r.error).toMatch(/^DNS lookup failed for vigil-check\.invalid/);
    expect(r.timings.dnsMs).not.toBeNull();
  });

  it("connection refused (a closed port)", async () => {
    const t = await startHttp((_q, s) => s.end());
    const url = t.url("/");
    await t.close();
    const r = await runHttpCheck(checkReq(url));
    expect(r).toMatchObject({ ok: false, errorClass: "refused", error: `Connection refused by 127.0.0.1:${t.port}` });
  });

  it("reset before the response", async () => {
    const t = await track(startRaw((s) => s.once("data", () => s.resetAndDestroy())));
    expect(await runHttpCheck(checkReq(t.url()))).toMatchObject({ ok: false, errorClass: "reset", error: expect.stringMatching(/^Connection reset/) });
  });

  it("reset mid-response (socket destroyed after part of the body)", async () => {
    const t = await track(
      startHttp((_q, res) => {
        res.writeHead(200, { "content-length": "100000" });
        res.write("x".repeat(10), () => setTimeout(() => res.socket?.destroy(), 20));
      }),
    );
    const r = await runHttpCheck(checkReq(t.url()));
    expect(r).toMatchObject({ ok: false, statusCode: 200, errorClass: "reset" });
    expect(r.responseHeaders).toContain("content-length: 100000");
  });

  it("hang: accepts and never answers → timeout within timeoutMs + 1 s", async () => {
    const t = await track(startRaw(() => {}));
    const { r, ms } = await timed(runHttpCheck(checkReq(t.url(), { timeoutMs: 800 })));
    expect(r, `${ms} ms`).toMatchObject({ ok: false, errorClass: "timeout", error: "Timed out after 0.8 s waiting for the response" });
    // Node's timers run on the loop's cached clock, so under load they may fire a little early against performance.now().
    expect(ms, JSON.stringify(r)).toBeGreaterThanOrEqual(700);
    expect(ms).toBeLessThan(1800);
    expect(r.timings.totalMs).toBeLessThan(1800);
  });

  it("hang in the TLS handshake → timeout", async () => {
    const t = await track(startRaw(() => {}, "https"));
    const { r, ms } = await timed(runHttpCheck(checkReq(t.url(), { timeoutMs: 600 })));
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", error: "Timed out after 0.6 s in the TLS handshake" });
    expect(ms).toBeLessThan(1600);
  });

  it("slow drip body → timeout, with and without a keyword", async () => {
    const t = await track(
      startHttp((_q, res) => {
        res.writeHead(200);
        const iv = setInterval(() => (res.destroyed ? clearInterval(iv) : res.write(".")), 50);
      }),
    );
    for (const keyword of [null, "done"]) {
      const { r, ms } = await timed(runHttpCheck(checkReq(t.url(), { timeoutMs: 700, keyword })));
      expect(r).toMatchObject({ ok: false, statusCode: 200, errorClass: "timeout", error: "Timed out after 0.7 s reading the response body" });
      expect(ms).toBeLessThan(1700);
    }
  });

  it("garbage (not HTTP) → protocol", async () => {
    const t = await track(startRaw((s) => s.once("data", () => s.end("SSH-2.0-OpenSSH_9.2\r\n\u0000\u0001garbage\r\n\r\n"))));
    const r = await runHttpCheck(checkReq(t.url()));
    expect(r, r.error!).toMatchObject({ ok: false, statusCode: null, errorClass: "protocol" });
    expect(r.error).toMatch(/^Invalid HTTP response/);
  });

  it("a 10 GB body: reading stops at 1 MiB, fast, with bounded memory", async () => {
    const chunk = Buffer.alloc(64 * 1024, "a");
    const t = await track(
      startHttp((_q, res) => {
        res.writeHead(200, { "content-length": String(10 * 1024 ** 3) });
        writeForever(res, chunk);
      }),
    );
    const rss0 = process.memoryUsage().rss;
    let maxDelta = 0;
    for (let i = 0; i < 5; i++) {
      const missing = await timed(runHttpCheck(checkReq(t.url(), { timeoutMs: 10_000, keyword: "needle" })));
      expect(missing.r).toMatchObject({ ok: false, statusCode: 200, errorClass: "keyword", error: 'Keyword "needle" not found in the first 1 MiB' });
      expect(missing.r.bodySnippet).toHaveLength(1024);
      expect(missing.ms).toBeLessThan(2000);
      const noKeyword = await timed(runHttpCheck(checkReq(t.url(), { timeoutMs: 10_000 })));
      expect(noKeyword.r).toMatchObject({ ok: true, statusCode: 200 });
      expect(noKeyword.ms).toBeLessThan(2000);
      maxDelta = Math.max(maxDelta, process.memoryUsage().rss - rss0);
    }
    expect(maxDelta).toBeLessThan(64 * 1024 * 1024);
  });

  it("finds a keyword across chunk boundaries up to the 1 MiB limit, not beyond", async () => {
    const MiB = 1024 * 1024;
    const bodies: Record<string, Buffer> = {
      "/beyond": Buffer.concat([Buffer.alloc(MiB + 10, "a"), Buffer.from("NEEDLE")]),
      "/straddles-limit": Buffer.concat([Buffer.alloc(MiB - 3, "a"), Buffer.from("NEEDLE")]),
      "/ends-at-limit": Buffer.concat([Buffer.alloc(MiB - 6, "a"), Buffer.from("NEEDLE"), Buffer.alloc(100, "b")]),
      "/boundary": Buffer.concat([Buffer.alloc(16 * 1024 - 3, "a"), Buffer.from("NEEDLE"), Buffer.alloc(100, "b")]),
    };
    const t = await track(
      startHttp((q, res) => {
        const body = bodies[q.url!]!;
        res.writeHead(200);
        // Written in odd-sized pieces so the needle lands across reads.
        for (let i = 0; i < body.length; i += 7777) res.write(body.subarray(i, i + 7777));
        res.end();
      }),
    );
    const found = async (p: string) => (await runHttpCheck(checkReq(t.url(p), { keyword: "NEEDLE" }))).ok;
    expect(await found("/beyond")).toBe(false);
    expect(await found("/straddles-limit")).toBe(false);
    expect(await found("/ends-at-limit")).toBe(true);
    expect(await found("/boundary")).toBe(true);
  });

  it("a resolver that never answers → timeout while resolving", async () => {
    const { r, ms } = await timed(runHttpCheck(checkReq("http://stuck.test/", { timeoutMs: 500 }), { lookup: () => {} }));
    expect(r).toMatchObject({ ok: false, errorClass: "timeout", error: "Timed out after 0.5 s resolving the host name" });
    expect(ms).toBeLessThan(1500);
  });

  it("decompresses a body the monitor asked to be compressed; corrupt compression is a protocol error", async () => {
    const t = await track(
      startHttp((q, res) => {
        res.writeHead(200, { "content-encoding": "gzip" });
        res.end(q.url === "/corrupt" ? Buffer.from("not gzip at all") : gzipSync("compressed keyword inside"));
      }),
    );
    const headers = { "Accept-Encoding": "gzip" };
    expect(await runHttpCheck(checkReq(t.url("/ok"), { headers, keyword: "keyword inside" }))).toMatchObject({ ok: true });
    const bad = await runHttpCheck(checkReq(t.url("/corrupt"), { headers, keyword: "x" }));
    expect(bad).toMatchObject({ ok: false, errorClass: "protocol", error: expect.stringMatching(/could not decompress/) });
  });

  it("many concurrent checks against a hanging target all end on time", async () => {
    const t = await track(startRaw(() => {}));
    const { r, ms } = await timed(Promise.all(Array.from({ length: 50 }, () => runHttpCheck(checkReq(t.url(), { timeoutMs: 500 })))).then((rs) => rs[0]!));
    expect(r.errorClass).toBe("timeout");
    expect(ms).toBeLessThan(1500);
  });
});
