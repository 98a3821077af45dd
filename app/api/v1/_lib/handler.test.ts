import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { systemCtx } from "@/lib/context";
import { closeDb, db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { NotFoundError } from "@/lib/errors";
import { readCappedText } from "@/lib/http/read-capped-body";
import { closeRedis } from "@/lib/redis/client";
import { createTestUser } from "@/tests/factories";
import { apiRoute, json, MAX_JSON_BYTES, readJson } from "./handler";

const LIMIT = 3;
let key: string;
let otherKey: string;
const configured = env.API_RATE_LIMIT_PER_MINUTE;

beforeAll(async () => {
  env.API_RATE_LIMIT_PER_MINUTE = LIMIT;
  const { workspaceId } = await createTestUser();
  key = (await createApiKey(systemCtx(db, workspaceId), { name: "limited" })).key;
  otherKey = (await createApiKey(systemCtx(db, workspaceId), { name: "other" })).key;
});
afterAll(async () => {
  env.API_RATE_LIMIT_PER_MINUTE = configured;
  await closeDb();
  await closeRedis();
});

const noParams = { params: Promise.resolve({}) };
const ok = apiRoute(async () => json({ ok: true }));
const missing = apiRoute(async () => {
  throw new NotFoundError("Monitor");
});
const echo = apiRoute(async ({ req }) => json({ got: await readJson(req) }));
const get = (k: string | null) => new Request("http://test/api/v1/x", { headers: k ? { authorization: `Bearer ${k}` } : {} });

describe("API rate limit per key", () => {
  it("puts RateLimit headers on every response to a key, then 429 with Retry-After past the limit", async () => {
    const first = await ok(get(key), noParams);
    expect(first.status).toBe(200);
    expect(first.headers.get("ratelimit-limit")).toBe(String(LIMIT));
    expect(first.headers.get("ratelimit-remaining")).toBe(String(LIMIT - 1));
    const reset = Number(first.headers.get("ratelimit-reset"));
    expect(reset).toBeGreaterThanOrEqual(1);
    expect(reset).toBeLessThanOrEqual(60);

    // Error answers carry them too.
    const notFound = await missing(get(key), noParams);
    expect(notFound.status).toBe(404);
    expect(notFound.headers.get("ratelimit-remaining")).toBe(String(LIMIT - 2));
    expect((await ok(get(key), noParams)).headers.get("ratelimit-remaining")).toBe("0");

    const refused = await ok(get(key), noParams);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toMatchObject({ error: { code: "rate_limited", message: expect.stringMatching(/retry in \d+s/) } });
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(refused.headers.get("ratelimit-limit")).toBe(String(LIMIT));

    // Each key has its own window.
    const other = await ok(get(otherKey), noParams);
    expect(other.status).toBe(200);
    expect(other.headers.get("ratelimit-remaining")).toBe(String(LIMIT - 1));
  });

  it("answers a request without a valid key 401, uncounted and without the headers", async () => {
    for (const k of [null, "vgl_not-a-real-key"]) {
      const res = await ok(get(k), noParams);
      expect(res.status).toBe(401);
      expect(res.headers.get("ratelimit-limit")).toBeNull();
    }
  });
});

describe("request body cap", () => {
  let bodyKey: string;
  beforeAll(async () => {
    env.API_RATE_LIMIT_PER_MINUTE = configured;
    bodyKey = (await createApiKey(systemCtx(db, (await createTestUser()).workspaceId), { name: "bodies" })).key;
  });
  const post = (body: BodyInit, headers: Record<string, string> = {}) =>
    new Request("http://test/api/v1/x", { method: "POST", body, headers: { authorization: `Bearer ${bodyKey}`, ...headers }, duplex: "half" } as RequestInit);

  /** An endless body without Content-Length; counts how many bytes the server pulled. */
  function endless() {
    const pulled = { bytes: 0 };
    const chunk = new Uint8Array(16 * 1024).fill(0x20);
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    return { stream, pulled };
  }

  it("refuses a declared Content-Length over the cap with 413 before reading the body", async () => {
    const { stream, pulled } = endless();
    const req = new Request("http://test", {
      method: "POST",
      body: stream,
      headers: { "content-length": String(MAX_JSON_BYTES + 1) },
      duplex: "half",
    } as RequestInit);
    await expect(readCappedText(req, MAX_JSON_BYTES)).rejects.toMatchObject({ status: 413, code: "payload_too_large" });
    expect(pulled.bytes).toBeLessThanOrEqual(64 * 1024); // at most what the stream queued up front, never the body

    const res = await echo(post("{}", { "content-length": String(10 * 1024 * 1024) }), noParams);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { code: "payload_too_large", message: expect.stringMatching(/256 KiB/) } });
    expect((await echo(post("{}", { "content-length": "lots" }), noParams)).status).toBe(400);
  });

  it("cuts a body without Content-Length off at the cap", async () => {
    const { stream, pulled } = endless();
    const res = await echo(post(stream), noParams);
    expect(res.status).toBe(413);
    expect(pulled.bytes).toBeGreaterThan(MAX_JSON_BYTES);
    expect(pulled.bytes).toBeLessThan(MAX_JSON_BYTES + 128 * 1024);
  });

  it("still reads bodies up to the cap, and refuses broken JSON with 400", async () => {
    const big = JSON.stringify({ pad: "x".repeat(MAX_JSON_BYTES - 20) });
    expect(new TextEncoder().encode(big).byteLength).toBeLessThanOrEqual(MAX_JSON_BYTES);
    const res = await echo(post(big), noParams);
    expect(res.status).toBe(200);
    expect(((await res.json()) as { got: { pad: string } }).got.pad).toHaveLength(MAX_JSON_BYTES - 20);
    const bad = await echo(post("{nope"), noParams);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_input", message: "Request body must be valid JSON" } });
  });
});
