import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "@/lib/context";
import { count, eq } from "drizzle-orm";
import { createApiKey, revokeApiKey } from "@/lib/api-keys/api-keys";
import { closeDb, db } from "@/lib/db/client";
import { monitors } from "@/lib/db/schema";
import { closeRedis } from "@/lib/redis/client";
import { createTestUser, userCtx } from "@/tests/factories";
import { GET as list, POST as create } from "./route";
import { DELETE as remove, GET as getOne, PATCH as patch } from "./[id]/route";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

const BASE = "http://vigil.test/api/v1/monitors";
let key: string;
let workspaceId: string;
let otherKey: string;

beforeAll(async () => {
  const a = await createTestUser();
  workspaceId = a.workspaceId;
  key = (await createApiKey(systemCtx(db, workspaceId), { name: "ci" })).key;
  const b = await createTestUser();
  otherKey = (await createApiKey(systemCtx(db, b.workspaceId), { name: "other" })).key;
});

function req(path: string, init: { method?: string; body?: unknown; key?: string | null; rawBody?: string } = {}): Request {
  const headers: Record<string, string> = { "content-type": "application/json" };
  const k = init.key === undefined ? key : init.key;
  if (k !== null) headers.authorization = `Bearer ${k}`;
  const body = init.rawBody ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  return new Request(`${BASE}${path}`, { method: init.method ?? "GET", headers, body });
}
const noParams = { params: Promise.resolve({}) } as never;
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

async function rows(): Promise<number> {
  const [r] = await db.select({ n: count() }).from(monitors).where(eq(monitors.workspaceId, workspaceId));
  return r.n;
}

describe("REST API v1 /monitors", () => {
  it("creates (201), reads (200), patches, pauses and deletes (204) a monitor", async () => {
    const res = await create(req("", { method: "POST", body: { type: "http", name: "<script>alert(1)</script>", url: "https://example.com" } }), noParams);
    expect(res.status).toBe(201);
    const m = await res.json();
    expect(m).toMatchObject({
      type: "http",
      name: "<script>alert(1)</script>",
      status: "pending",
      paused: false,
      intervalSeconds: 60,
      timeoutSeconds: 10,
      expectedStatus: "200-299",
      regions: [],
      lastCheckedAt: null,
      body: null,
      keyword: null,
    });
    expect(Object.keys(m).sort()).toEqual(
      [
        "id",
        "name",
        "type",
        "status",
        "paused",
        "createdAt",
        "lastCheckedAt",
        "url",
        "method",
        "headers",
        "body",
        "intervalSeconds",
        "timeoutSeconds",
        "expectedStatus",
        "keyword",
        "keywordMode",
        "assertions",
        "followRedirects",
        "allowHttpDowngrade",
        "verifyTls",
        "regions",
        "failureThreshold",
        "recoveryThreshold",
        "muted",
        "remindEveryMinutes",
      ].sort(),
    );

    const got = await getOne(req(`/${m.id}`), idParams(m.id));
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual(m);

    const p = await patch(req(`/${m.id}`, { method: "PATCH", body: { intervalSeconds: 300, keyword: "ok" } }), idParams(m.id));
    expect(p.status).toBe(200);
    expect(await p.json()).toMatchObject({ intervalSeconds: 300, keyword: "ok", url: "https://example.com" });

    const paused = await patch(req(`/${m.id}`, { method: "PATCH", body: { paused: true } }), idParams(m.id));
    expect(await paused.json()).toMatchObject({ paused: true, status: "paused" });
    const resumed = await patch(req(`/${m.id}`, { method: "PATCH", body: { paused: false } }), idParams(m.id));
    expect(await resumed.json()).toMatchObject({ paused: false, status: "pending" });

    const del = await remove(req(`/${m.id}`, { method: "DELETE" }), idParams(m.id));
    expect(del.status).toBe(204);
    expect(await del.text()).toBe("");
    expect((await getOne(req(`/${m.id}`), idParams(m.id))).status).toBe(404);
  });

  it("creates a heartbeat monitor with a read-only ping URL", async () => {
    const res = await create(
      req("", { method: "POST", body: { type: "heartbeat", name: "backup", cron: "0 3 * * *", timezone: "Europe/Paris", graceSeconds: 900 } }),
      noParams,
    );
    expect(res.status).toBe(201);
    const m = await res.json();
    expect(Object.keys(m).sort()).toEqual(
      [
        "id",
        "name",
        "type",
        "status",
        "paused",
        "createdAt",
        "lastCheckedAt",
        "pingUrl",
        "periodSeconds",
        "graceSeconds",
        "cron",
        "timezone",
        "muted",
        "remindEveryMinutes",
        "failureThreshold",
      ].sort(),
    );
    expect(m.pingUrl).toMatch(/\/ping\/[A-Za-z0-9_-]{24}$/);
    const p = await patch(req(`/${m.id}`, { method: "PATCH", body: { pingUrl: "https://evil.example" } }), idParams(m.id));
    expect(p.status).toBe(400);
    expect((await p.json()).error.fields.pingUrl).toBe("Unknown field");
  });

  it("answers 400 with field messages for invalid input and saves nothing", async () => {
    const before = await rows();
    const cases: [unknown, string][] = [
      [{ type: "http", name: "x", url: "ftp://example.com" }, "url"],
      [{ type: "http", name: "x", url: "notaurl" }, "url"],
      [{ type: "http", name: "x", url: "https://example.com", intervalSeconds: 1 }, "intervalSeconds"],
      [{ type: "http", name: "x", url: "https://example.com", intervalSeconds: 90_000 }, "intervalSeconds"],
      [{ type: "http", name: "x", url: "https://example.com", intervalSeconds: 30, timeoutSeconds: 30 }, "timeoutSeconds"],
      [{ type: "http", name: "x", url: "https://example.com", expectedStatus: "abc" }, "expectedStatus"],
      [{ type: "http", name: "x", url: "https://example.com", unknownField: 1 }, "unknownField"],
      [{ type: "http", name: "x".repeat(101), url: "https://example.com" }, "name"],
      [{ type: "http", name: "x", url: "https://example.com", body: "b".repeat(70_000) }, "body"],
      [{ type: "heartbeat", name: "x", cron: "every day" }, "cron"],
      [{ type: "heartbeat", name: "x", cron: "0 3 * * *", timezone: "Atlantis/Capital" }, "timezone"],
    ];
    for (const [body, field] of cases) {
      const res = await create(req("", { method: "POST", body }), noParams);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const json = await res.json();
      expect(json.error.code).toBe("invalid_input");
      expect(json.error.fields[field], field).toEqual(expect.any(String));
    }
    const notJson = await create(req("", { method: "POST", rawBody: "{nope" }), noParams);
    expect(notJson.status).toBe(400);
    expect(await rows()).toBe(before);
  });

  it("answers 401 without a key, with an unknown key and with a revoked key", async () => {
    for (const k of [null, "vgl_notarealkey", "garbage"]) {
      const res = await list(req("", { key: k }), noParams);
      expect(res.status).toBe(401);
      expect((await res.json()).error.code).toBe("unauthorized");
    }
    const { key: doomed, apiKey } = await createApiKey(systemCtx(db, workspaceId), { name: "doomed" });
    expect((await list(req("", { key: doomed }), noParams)).status).toBe(200);
    await revokeApiKey(userCtx(db, workspaceId), apiKey.id);
    expect((await list(req("", { key: doomed }), noParams)).status).toBe(401);
    expect((await create(req("", { key: doomed, method: "POST", body: { type: "http", name: "x", url: "https://example.com" } }), noParams)).status).toBe(401);
  });

  it("answers 404 for another workspace's monitor and for malformed ids, never its data", async () => {
    const res = await create(req("", { method: "POST", body: { type: "http", name: "secret", url: "https://secret.example" } }), noParams);
    const m = await res.json();
    for (const id of [m.id, "not-a-uuid"]) {
      const asOther = { key: otherKey };
      const got = await getOne(req(`/${id}`, asOther), idParams(id));
      expect(got.status).toBe(404);
      expect(JSON.stringify(await got.json())).not.toContain("secret");
      expect((await patch(req(`/${id}`, { ...asOther, method: "PATCH", body: { paused: true } }), idParams(id))).status).toBe(404);
      expect((await remove(req(`/${id}`, { ...asOther, method: "DELETE" }), idParams(id))).status).toBe(404);
    }
    const stillThere = await (await getOne(req(`/${m.id}`), idParams(m.id))).json();
    expect(stillThere).toMatchObject({ name: "secret", paused: false });
    const otherList = await (await list(req("", { key: otherKey }), noParams)).json();
    expect(otherList.data.map((x: { id: string }) => x.id)).not.toContain(m.id);
  });

  it("rejects invalid PATCH bodies with 400 and unknown fields by name", async () => {
    const m = await (await create(req("", { method: "POST", body: { type: "http", name: "p", url: "https://example.com" } }), noParams)).json();
    const cases: [unknown, string][] = [
      [{ colour: "blue" }, "colour"],
      [{ paused: "yes" }, "paused"],
      [{ intervalSeconds: 5 }, "intervalSeconds"],
      [{ periodSeconds: 60 }, "periodSeconds"],
    ];
    for (const [body, field] of cases) {
      const res = await patch(req(`/${m.id}`, { method: "PATCH", body }), idParams(m.id));
      expect(res.status).toBe(400);
      expect((await res.json()).error.fields[field]).toEqual(expect.any(String));
    }
  });

  it("pages with limit and cursor, newest first, and filters", async () => {
    const { workspaceId: ws } = await createTestUser();
    const { key: k } = await createApiKey(systemCtx(db, ws), { name: "pager" });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await create(req("", { key: k, method: "POST", body: { type: "http", name: `m${i}`, url: "https://example.com" } }), noParams);
      ids.push((await res.json()).id);
    }
    const first = await (await list(req("?limit=2", { key: k }), noParams)).json();
    expect(first.data.map((m: { id: string }) => m.id)).toEqual([ids[4], ids[3]]);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await (await list(req(`?limit=2&cursor=${first.nextCursor}`, { key: k }), noParams)).json();
    expect(second.data.map((m: { id: string }) => m.id)).toEqual([ids[2], ids[1]]);
    const third = await (await list(req(`?limit=2&cursor=${second.nextCursor}`, { key: k }), noParams)).json();
    expect(third.data.map((m: { id: string }) => m.id)).toEqual([ids[0]]);
    expect(third.nextCursor).toBeNull();

    const searched = await (await list(req("?q=m3", { key: k }), noParams)).json();
    expect(searched.data.map((m: { id: string }) => m.id)).toEqual([ids[3]]);
    const bad = await list(req("?limit=0&status=weird", { key: k }), noParams);
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields).sort()).toEqual(["limit", "status"]);
    expect((await list(req("?foo=1", { key: k }), noParams)).status).toBe(400);
    expect((await list(req("?limit=&cursor=", { key: k }), noParams)).status).toBe(200);
  });
});
