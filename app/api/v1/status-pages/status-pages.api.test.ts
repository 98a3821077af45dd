import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "@/lib/context";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { closeDb, db } from "@/lib/db/client";
import { closeRedis } from "@/lib/redis/client";
import { insertMonitor } from "@/lib/rollups/seed";
import { createTestUser } from "@/tests/factories";
import { DELETE, GET as getOne, PATCH } from "./[id]/route";
import { GET as list, POST } from "./route";

const BASE = "http://vigil.test/api/v1/status-pages";
let key: string;
let otherKey: string;
let monitorId: string;
let foreignMonitorId: string;

beforeAll(async () => {
  const a = await createTestUser();
  const b = await createTestUser();
  key = (await createApiKey(systemCtx(db, a.workspaceId), { name: "t" })).key;
  otherKey = (await createApiKey(systemCtx(db, b.workspaceId), { name: "t" })).key;
  monitorId = (await insertMonitor(db, { workspaceId: a.workspaceId })).id;
  foreignMonitorId = (await insertMonitor(db, { workspaceId: b.workspaceId })).id;
});
afterAll(async () => {
  await closeDb();
  await closeRedis();
});

const req = (url: string, init: RequestInit & { bearer?: string } = {}) =>
  new Request(url, { ...init, headers: { authorization: `Bearer ${init.bearer ?? key}`, "content-type": "application/json" } });
const p = (id: string) => ({ params: Promise.resolve({ id }) });
const noParams = { params: Promise.resolve({}) };

describe("/api/v1/status-pages", () => {
  it("creates, lists, reads, patches and deletes a page in the contract's shape", async () => {
    const slug = `api-${Math.random().toString(36).slice(2, 8)}`;
    const res = await POST(
      req(BASE, { method: "POST", body: JSON.stringify({ slug, title: "API page", monitors: [{ monitorId, displayName: "Website" }] }) }),
      noParams,
    );
    expect(res.status).toBe(201);
    const page = await res.json();
    expect(page).toMatchObject({ slug, title: "API page", description: null, monitors: [{ monitorId, displayName: "Website", groupName: null }] });
    expect(typeof page.id).toBe("string");

    const all = await (await list(req(BASE), noParams)).json();
    expect(all.data.map((x: { id: string }) => x.id)).toContain(page.id);
    expect((await getOne(req(`${BASE}/${page.id}`), p(page.id))).status).toBe(200);

    const patched = await PATCH(req(`${BASE}/${page.id}`, { method: "PATCH", body: JSON.stringify({ description: "Hello", monitors: [] }) }), p(page.id));
    expect(patched.status).toBe(200);
    expect(await patched.json()).toMatchObject({ description: "Hello", monitors: [] });

    expect((await DELETE(req(`${BASE}/${page.id}`, { method: "DELETE" }), p(page.id))).status).toBe(204);
    expect((await getOne(req(`${BASE}/${page.id}`), p(page.id))).status).toBe(404);
  });

  it("answers 400 with fields, 409 on a taken slug, 404 across workspaces", async () => {
    const bad = await POST(req(BASE, { method: "POST", body: JSON.stringify({ slug: "No Spaces", title: "", unknown: 1 }) }), noParams);
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(Object.keys(body.error.fields)).toEqual(expect.arrayContaining(["slug", "title"]));

    const foreign = await POST(
      req(BASE, {
        method: "POST",
        body: JSON.stringify({ slug: `f-${Date.now()}`, title: "t", monitors: [{ monitorId: foreignMonitorId, displayName: "x" }] }),
      }),
      noParams,
    );
    expect(foreign.status).toBe(400);
    expect((await foreign.json()).error.fields["monitors.0.monitorId"]).toBeTruthy();

    const slug = `dup-${Math.random().toString(36).slice(2, 8)}`;
    const first = await (await POST(req(BASE, { method: "POST", body: JSON.stringify({ slug, title: "t" }) }), noParams)).json();
    const dup = await POST(req(BASE, { method: "POST", body: JSON.stringify({ slug, title: "t" }), bearer: otherKey }), noParams);
    expect(dup.status).toBe(409);
    expect((await dup.json()).error.fields.slug).toBeTruthy();

    expect((await getOne(req(`${BASE}/${first.id}`, { bearer: otherKey }), p(first.id))).status).toBe(404);
    expect((await PATCH(req(`${BASE}/${first.id}`, { method: "PATCH", body: "{}", bearer: otherKey }), p(first.id))).status).toBe(404);
    expect((await DELETE(req(`${BASE}/${first.id}`, { method: "DELETE", bearer: otherKey }), p(first.id))).status).toBe(404);
    expect((await getOne(req(`${BASE}/${first.id}`), p(first.id))).status).toBe(200);
  });
});
