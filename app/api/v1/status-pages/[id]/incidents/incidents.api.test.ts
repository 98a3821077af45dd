import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "@/lib/context";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { closeDb, db } from "@/lib/db/client";
import { closeRedis } from "@/lib/redis/client";
import { insertMonitor } from "@/lib/rollups/seed";
import { createStatusPage } from "@/lib/status-pages/save-status-page";
import { createTestUser } from "@/tests/factories";
import { POST as postUpdate } from "./[incidentId]/updates/route";
import { GET as list, POST } from "./route";

let key: string;
let otherKey: string;
let pageId: string;
let listedId: string;
let unlistedId: string;

beforeAll(async () => {
  const a = await createTestUser();
  const b = await createTestUser();
  key = (await createApiKey(systemCtx(db, a.workspaceId), { name: "t" })).key;
  otherKey = (await createApiKey(systemCtx(db, b.workspaceId), { name: "t" })).key;
  listedId = (await insertMonitor(db, { workspaceId: a.workspaceId })).id;
  unlistedId = (await insertMonitor(db, { workspaceId: a.workspaceId })).id;
  const slug = `inc-${Math.random().toString(36).slice(2, 10)}`;
  pageId = (await createStatusPage(systemCtx(db, a.workspaceId), { slug, title: "Acme", monitors: [{ monitorId: listedId, displayName: "API" }] })).id;
});
afterAll(async () => {
  await closeDb();
  await closeRedis();
});

const url = (path = "") => `http://vigil.test/api/v1/status-pages/${pageId}/incidents${path}`;
const req = (u: string, init: RequestInit & { bearer?: string } = {}) =>
  new Request(u, { ...init, headers: { authorization: `Bearer ${init.bearer ?? key}`, "content-type": "application/json" } });
const p = (id: string) => ({ params: Promise.resolve({ id }) });
const pu = (id: string, incidentId: string) => ({ params: Promise.resolve({ id, incidentId }) });

describe("/api/v1/status-pages/{id}/incidents", () => {
  it("posts an incident, adds updates through to resolved (resolvedAt set), lists it with its timeline", async () => {
    const res = await POST(
      req(url(), {
        method: "POST",
        body: JSON.stringify({ title: "Elevated errors", impact: "major", status: "investigating", message: "Looking into it", monitorIds: [listedId] }),
      }),
      p(pageId),
    );
    expect(res.status).toBe(201);
    const inc = await res.json();
    expect(inc).toMatchObject({
      title: "Elevated errors",
      impact: "major",
      status: "investigating",
      monitorIds: [listedId],
      resolvedAt: null,
      updates: [{ status: "investigating", message: "Looking into it" }],
    });

    for (const status of ["identified", "monitoring", "resolved"]) {
      const u = await postUpdate(
        req(url(`/${inc.id}/updates`), { method: "POST", body: JSON.stringify({ status, message: `Now ${status}` }) }),
        pu(pageId, inc.id),
      );
      expect(u.status).toBe(201);
    }
    const all = (await (await list(req(url()), p(pageId))).json()).data;
    const got = all.find((x: { id: string }) => x.id === inc.id);
    expect(got.status).toBe("resolved");
    expect(got.resolvedAt).not.toBeNull();
    expect(got.updates.map((u: { status: string }) => u.status)).toEqual(["resolved", "monitoring", "identified", "investigating"]);
  });

  it("400 for bad input (impact, status, a monitor not on the page), 404 for another workspace's page or incident", async () => {
    const bad = await POST(
      req(url(), { method: "POST", body: JSON.stringify({ title: "", impact: "apocalyptic", status: "panicking", message: "", monitorIds: [unlistedId] }) }),
      p(pageId),
    );
    expect(bad.status).toBe(400);
    expect(Object.keys((await bad.json()).error.fields)).toEqual(expect.arrayContaining(["title", "impact", "status", "message"]));
    const notListed = await POST(
      req(url(), { method: "POST", body: JSON.stringify({ title: "t", impact: "minor", message: "m", monitorIds: [unlistedId] }) }),
      p(pageId),
    );
    expect(notListed.status).toBe(400);
    expect((await notListed.json()).error.fields).toHaveProperty(["monitorIds.0"]);

    const inc = await (await POST(req(url(), { method: "POST", body: JSON.stringify({ title: "t", impact: "none", message: "m" }) }), p(pageId))).json();
    expect((await list(req(url(), { bearer: otherKey }), p(pageId))).status).toBe(404);
    expect(
      (await POST(req(url(), { method: "POST", bearer: otherKey, body: JSON.stringify({ title: "t", impact: "none", message: "m" }) }), p(pageId))).status,
    ).toBe(404);
    expect(
      (
        await postUpdate(
          req(url(`/${inc.id}/updates`), { method: "POST", bearer: otherKey, body: JSON.stringify({ status: "resolved", message: "x" }) }),
          pu(pageId, inc.id),
        )
      ).status,
    ).toBe(404);
    expect(
      (await postUpdate(req(url(`/nope/updates`), { method: "POST", body: JSON.stringify({ status: "resolved", message: "x" }) }), pu(pageId, "nope"))).status,
    ).toBe(404);
  });
});
