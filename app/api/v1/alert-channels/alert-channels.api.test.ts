import { afterAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { closeDb, db } from "@/lib/db/client";
import { closeRedis } from "@/lib/redis/client";
import { createTestUser } from "@/tests/factories";
import { createHeartbeatMonitor } from "@/lib/heartbeats/testing";
import * as collection from "./route";
import * as item from "./[id]/route";
import * as pings from "../monitors/[id]/pings/route";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

async function client() {
  const u = await createTestUser();
  const { key } = await createApiKey(db, { workspaceId: u.workspaceId, name: "test" });
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const req = (method: string, body?: unknown) => new Request("http://x/api/v1/alert-channels", { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  return { ...u, req, headers };
}

describe("/api/v1/alert-channels", () => {
  it("lists the owner's default channel, creates, and deletes", async () => {
    const c = await client();
    const list = await collection.GET(c.req("GET"), { params: Promise.resolve({}) } as never);
    expect(list.status).toBe(200);
    const { data } = await list.json();
    expect(data).toEqual([expect.objectContaining({ type: "email", target: c.email, monitorIds: [] })]);
    const m = await createHeartbeatMonitor(c.workspaceId);
    const created = await collection.POST(c.req("POST", { type: "email", target: "Ops@Example.test", monitorIds: [m.id] }), { params: Promise.resolve({}) } as never);
    expect(created.status).toBe(201);
    const channel = await created.json();
    expect(channel).toMatchObject({ type: "email", target: "ops@example.test", monitorIds: [m.id] });
    const del = await item.DELETE(c.req("DELETE"), { params: Promise.resolve({ id: channel.id }) });
    expect(del.status).toBe(204);
    const again = await item.DELETE(c.req("DELETE"), { params: Promise.resolve({ id: channel.id }) });
    expect(again.status).toBe(404);
  });

  it("rejects bad input with field messages (strict: unknown fields too)", async () => {
    const c = await client();
    const cases: [unknown, string][] = [
      [{ target: "not-an-email" }, "target"],
      [{ target: "a@b.test", type: "sms" }, "type"],
      [{ target: "a@b.test", monitorIds: ["nope"] }, "monitorIds.0"],
      [{ target: "a@b.test", extra: 1 }, "_"],
    ];
    for (const [body, field] of cases) {
      const res = await collection.POST(c.req("POST", body), { params: Promise.resolve({}) } as never);
      expect(res.status).toBe(400);
      const err = await res.json();
      expect(err.error.code).toBe("invalid_input");
      expect(Object.keys(err.error.fields)).toContain(field);
    }
  });

  it("another workspace's channel or monitor is 404 / invalid, never touched", async () => {
    const a = await client();
    const b = await client();
    const created = await (await collection.POST(a.req("POST", { target: "a-team@example.test" }), { params: Promise.resolve({}) } as never)).json();
    expect((await item.DELETE(b.req("DELETE"), { params: Promise.resolve({ id: created.id }) })).status).toBe(404);
    expect((await item.DELETE(b.req("DELETE"), { params: Promise.resolve({ id: "not-a-uuid" }) })).status).toBe(404);
    const { data } = await (await collection.GET(b.req("GET"), { params: Promise.resolve({}) } as never)).json();
    expect(data.map((d: { id: string }) => d.id)).not.toContain(created.id);
    const foreignMonitor = await createHeartbeatMonitor(a.workspaceId);
    const res = await collection.POST(b.req("POST", { target: "x@example.test", monitorIds: [foreignMonitor.id] }), { params: Promise.resolve({}) } as never);
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields.monitorIds).toBeTruthy();
  });

  it("requires an API key", async () => {
    const res = await collection.GET(new Request("http://x/api/v1/alert-channels"), { params: Promise.resolve({}) } as never);
    expect(res.status).toBe(401);
  });
});

describe("/api/v1/monitors/{id}/pings", () => {
  it("lists pings newest first; another workspace's monitor is 404; bad limit is 400", async () => {
    const a = await client();
    const b = await client();
    const m = await createHeartbeatMonitor(a.workspaceId);
    const get = (c: typeof a, id: string, q = "") => pings.GET(new Request(`http://x/api/v1/monitors/${id}/pings${q}`, { headers: c.headers }), { params: Promise.resolve({ id }) });
    const ok = await get(a, m.id);
    expect(ok.status).toBe(200);
    expect((await ok.json()).data).toEqual([]);
    expect((await get(b, m.id)).status).toBe(404);
    expect((await get(a, m.id, "?limit=0")).status).toBe(400);
  });
});
