import http from "node:http";
import type { AddressInfo } from "node:net";
import type { Redis } from "@upstash/redis";
import IORedis from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RateLimitedError } from "../errors";
import { closeRedis, createKeyValue, ioredis, key } from "./client";
import { enforceRateLimits, hitRateLimit, hitRateLimits, peekRateLimit, refundRateLimits } from "./rate-limit";

const TOKEN = "test-rest-token";

/** ioredis hands some replies back as objects (HGETALL); the REST API answers flat arrays. */
function flat(reply: unknown): unknown {
  if (Array.isArray(reply)) return reply.map(flat);
  if (reply && typeof reply === "object" && !(reply instanceof Error)) return Object.entries(reply).flat().map(flat);
  return reply ?? null;
}

/** Upstash encodes every string reply but the "OK" status in base64 when asked to. */
function encode(value: unknown, base64: boolean): unknown {
  if (!base64) return value;
  if (typeof value === "string") return value === "OK" ? value : Buffer.from(value, "utf8").toString("base64");
  if (Array.isArray(value)) return value.map((v) => encode(v, base64));
  return value;
}

type Cmd = (string | number)[];

/**
 * A small stand-in for Upstash's REST API in front of the real Redis: POST / with one command,
 * POST /pipeline and /multi-exec with a list of them, Bearer token checked, base64 on request.
 */
async function startRestServer(redis: IORedis) {
  const seen = { base64: 0, plain: 0, paths: new Set<string>() };
  const server = http.createServer(async (req, res) => {
    const reply = (status: number, body: unknown) => {
      res.writeHead(status, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    };
    if (req.headers.authorization !== `Bearer ${TOKEN}`) return reply(401, { error: "Unauthorized" });
    if (req.method !== "POST") return reply(405, { error: "Method not allowed" });
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString() || "null") as Cmd | Cmd[];
    const base64 = req.headers["upstash-encoding"] === "base64";
    seen[base64 ? "base64" : "plain"]++;
    seen.paths.add(req.url ?? "");
    const one = async (c: Cmd) => {
      try {
        return { result: encode(flat(await redis.call(String(c[0]), ...c.slice(1).map(String))), base64) };
      } catch (err) {
        return { error: (err as Error).message };
      }
    };
    if (req.url === "/pipeline") {
      const out = [];
      for (const c of body as Cmd[]) out.push(await one(c));
      return reply(200, out);
    }
    if (req.url === "/multi-exec") {
      const multi = redis.multi();
      for (const c of body as Cmd[]) multi.call(String(c[0]), ...c.slice(1).map(String));
      try {
        const results = (await multi.exec()) ?? [];
        return reply(
          200,
          results.map(([err, v]) => (err ? { error: err.message } : { result: encode(flat(v), base64) })),
        );
      } catch (err) {
        return reply(400, { error: (err as Error).message });
      }
    }
    if (req.url === "/" || req.url === "") {
      const r = await one(body as Cmd);
      return reply("error" in r ? 400 : 200, r);
    }
    return reply(404, { error: "Not found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let rest: Awaited<ReturnType<typeof startRestServer>>;
let restBackend: IORedis;

beforeAll(async () => {
  restBackend = new IORedis(process.env.REDIS_URL ?? "redis://127.0.0.1:6379");
  rest = await startRestServer(restBackend);
});

afterAll(async () => {
  await rest.close();
  restBackend.disconnect();
  await closeRedis();
});

const transports: [string, () => Redis][] = [
  ["ioredis", () => createKeyValue({ redis: ioredis() })],
  ["upstash rest", () => createKeyValue({ restUrl: rest.url, restToken: TOKEN })],
];

describe.each(transports)("key-value client over %s", (name, make) => {
  const k = (...parts: string[]) => key("redis-test", name.replace(" ", "-"), ...parts);

  it("sets and gets strings, JSON values and non-ASCII text; missing keys are null", async () => {
    const kv = make();
    expect(await kv.set(k("s"), "héllo ✓ <script>")).toBe("OK");
    expect(await kv.get(k("s"))).toBe("héllo ✓ <script>");
    await kv.set(k("json"), { a: 1, list: ["x", "y"] });
    expect(await kv.get(k("json"))).toEqual({ a: 1, list: ["x", "y"] });
    await kv.set(k("ok"), "OK");
    expect(await kv.get(k("ok"))).toBe("OK");
    expect(await kv.get(k("missing"))).toBeNull();
  });

  it("increments and expires", async () => {
    const kv = make();
    expect(await kv.incr(k("n"))).toBe(1);
    expect(await kv.incr(k("n"))).toBe(2);
    expect(await kv.expire(k("n"), 60)).toBe(1);
    const ttl = await kv.ttl(k("n"));
    expect(ttl).toBeGreaterThan(50);
    expect(ttl).toBeLessThanOrEqual(60);
    expect(await kv.expire(k("nothing-here"), 60)).toBe(0);
  });

  it("returns hashes as objects (hgetall), null when missing", async () => {
    const kv = make();
    await kv.hset(k("h"), { name: "Vigil", count: 3 });
    expect(await kv.hgetall(k("h"))).toEqual({ name: "Vigil", count: 3 });
    expect(await kv.hgetall(k("no-hash"))).toBeNull();
  });

  it("runs MULTI transactions, including upper-case commands like XADD", async () => {
    const kv = make();
    const tx = kv.multi();
    tx.incr(k("m"));
    tx.expire(k("m"), 30, "NX");
    tx.ttl(k("m"));
    tx.hset(k("mh"), { a: "1" });
    tx.hgetall(k("mh"));
    tx.xadd(k("ms"), "*", { event: "created" });
    const [count, expired, ttl, , hash, id] = (await tx.exec()) as [number, number, number, number, Record<string, unknown>, string];
    expect([count, expired]).toEqual([1, 1]);
    expect(ttl).toBeGreaterThan(0);
    expect(hash).toEqual({ a: 1 });
    expect(id).toMatch(/^\d+-\d+$/);
  });

  it("runs pipelines and reports a failing command without hiding the others", async () => {
    const kv = make();
    await kv.set(k("p-str"), "text");
    const p = kv.pipeline();
    p.set(k("p"), "1");
    p.incr(k("p"));
    p.incr(k("p-str"));
    p.get(k("p"));
    const results = await p.exec({ keepErrors: true });
    expect(results.map((r) => r.result)).toEqual(["OK", 2, undefined, 2]);
    expect(results[2].error).toMatch(/not an integer/);
    const failing = kv.pipeline();
    failing.incr(k("p-str"));
    await expect(failing.exec()).rejects.toThrow(/not an integer/);
  });

  it("appends to streams (xadd) and reads them back", async () => {
    const kv = make();
    const id1 = await kv.xadd(k("stream"), "*", { monitorId: "m1", kind: "update" });
    const id2 = await kv.xadd(k("stream"), "*", { monitorId: "m2", kind: "delete" });
    expect(id1).toMatch(/^\d+-\d+$/);
    const entries = (await kv.xrange(k("stream"), "-", "+")) as Record<string, Record<string, unknown>>;
    expect(Object.keys(entries)).toEqual([id1, id2]);
    expect(entries[id2]).toEqual({ monitorId: "m2", kind: "delete" });
  });

  it("surfaces command errors", async () => {
    const kv = make();
    await kv.set(k("e"), "text");
    await expect(kv.incr(k("e"))).rejects.toThrow(/not an integer/);
  });

  it("rate limits: allows up to the limit in a window, then denies with a retry time", async () => {
    const kv = make();
    const rule = { limit: 3, windowSeconds: 60 };
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await hitRateLimit(kv, k("rl"), rule));
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false]);
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0]);
    expect(results[3].retryAfterSeconds).toBeGreaterThan(0);
    expect(results[3].retryAfterSeconds).toBeLessThanOrEqual(60);
    expect(await kv.ttl(k("rl"))).toBeGreaterThan(0);
  });

  it("rate limits: every bucket key always has an expiry, also one found without (healed)", async () => {
    const kv = make();
    const rule = { limit: 2, windowSeconds: 60 };
    for (let i = 0; i < 4; i++) {
      await hitRateLimit(kv, k("ttl"), rule);
      expect(await kv.ttl(k("ttl"))).toBeGreaterThan(0);
    }
    // A key left without TTL by anything else (an old INCR that crashed before EXPIRE) gets one on use.
    await kv.set(k("ttl-less"), 5);
    expect(await kv.ttl(k("ttl-less"))).toBe(-1);
    expect((await hitRateLimit(kv, k("ttl-less"), rule)).allowed).toBe(false);
    expect(await kv.ttl(k("ttl-less"))).toBeGreaterThan(0);
  });

  it("rate limits: stops counting once a bucket refuses, in every bucket", async () => {
    const kv = make();
    const tight = { key: k("stop-tight"), rule: { limit: 2, windowSeconds: 60 } };
    const loose = { key: k("stop-loose"), rule: { limit: 100, windowSeconds: 60 } };
    for (let i = 0; i < 5; i++) await hitRateLimits(kv, [tight, loose]);
    expect(Number(await kv.get(tight.key))).toBe(2);
    expect(Number(await kv.get(loose.key))).toBe(2);
    // Whatever the order: a spent bucket first leaves the ones after it alone.
    for (let i = 0; i < 3; i++) expect((await hitRateLimits(kv, [loose, tight])).allowed).toBe(false);
    expect(Number(await kv.get(loose.key))).toBe(2);
  });

  it("rate limits: a refund gives back one attempt, never below zero, keeping the expiry", async () => {
    const kv = make();
    const rule = { limit: 2, windowSeconds: 60 };
    await hitRateLimit(kv, k("refund"), rule);
    await hitRateLimit(kv, k("refund"), rule);
    await refundRateLimits(kv, [k("refund"), k("refund-absent")]);
    expect(await peekRateLimit(kv, k("refund"))).toBe(1);
    expect(await kv.ttl(k("refund"))).toBeGreaterThan(0);
    expect((await hitRateLimit(kv, k("refund"), rule)).allowed).toBe(true);
    await refundRateLimits(kv, [k("refund"), k("refund"), k("refund"), k("refund")]);
    expect(await peekRateLimit(kv, k("refund"))).toBe(0);
    expect(await kv.exists(k("refund-absent"))).toBe(0);
  });

  it("enforces several buckets and throws RateLimitedError when any is exhausted", async () => {
    const kv = make();
    const buckets = [
      { key: k("ip"), rule: { limit: 5, windowSeconds: 60 } },
      { key: k("email"), rule: { limit: 2, windowSeconds: 30 } },
    ];
    await enforceRateLimits(kv, buckets);
    await enforceRateLimits(kv, buckets);
    const err = await enforceRateLimits(kv, buckets).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).retryAfterSeconds).toBeLessThanOrEqual(30);
    // A different email from the same IP still gets through until the IP bucket is spent.
    await enforceRateLimits(kv, [buckets[0], { key: k("email2"), rule: buckets[1].rule }]);
  });
});

describe("upstash rest transport", () => {
  it("asks for base64 replies, as @upstash/redis does by default, and used every endpoint", () => {
    expect(rest.seen.base64).toBeGreaterThan(0);
    expect(rest.seen.plain).toBe(0);
    expect([...rest.seen.paths].sort()).toEqual(["/", "/multi-exec", "/pipeline"]);
  });

  it("refuses to start without a token", () => {
    expect(() => createKeyValue({ restUrl: rest.url })).toThrow(/UPSTASH_REDIS_REST_TOKEN/);
  });

  it("rejects a wrong token", async () => {
    const kv = createKeyValue({ restUrl: rest.url, restToken: "wrong" });
    await expect(kv.get(key("redis-test", "x"))).rejects.toThrow(/Unauthorized/);
  });

  it("works with plain (non-base64) replies too", async () => {
    const { Redis } = await import("@upstash/redis");
    const kv = new Redis({ url: rest.url, token: TOKEN, responseEncoding: false, enableTelemetry: false });
    await kv.set(key("redis-test", "plain"), "héllo");
    expect(await kv.get(key("redis-test", "plain"))).toBe("héllo");
    expect(rest.seen.plain).toBeGreaterThan(0);
  });
});
