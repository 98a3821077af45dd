import { afterAll, describe, expect, it } from "vitest";
import { systemCtx } from "@/lib/context";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { closeDb, db } from "@/lib/db/client";
import { closeRedis } from "@/lib/redis/client";
import { createTestUser } from "@/tests/factories";
import { createHeartbeatMonitor } from "@/lib/heartbeats/testing";
import * as collection from "./route";
import * as item from "./[id]/route";
import * as test from "./[id]/test/route";
import * as pings from "../monitors/[id]/pings/route";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

const none = { params: Promise.resolve({}) } as never;
const id = (v: string) => ({ params: Promise.resolve({ id: v }) });

async function client() {
  const u = await createTestUser();
  const { key } = await createApiKey(systemCtx(db, u.workspaceId), { name: "test" });
  const headers = { authorization: `Bearer ${key}`, "content-type": "application/json" };
  const req = (method: string, body?: unknown) =>
    new Request("http://x/api/v1/alert-channels", { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const create = async (body: unknown) => collection.POST(req("POST", body), none);
  const patch = async (channelId: string, body: unknown) => item.PATCH(req("PATCH", body), id(channelId));
  const get = async (channelId: string) => item.GET(req("GET"), id(channelId));
  return { ...u, req, headers, create, patch, get };
}

// Each type with a secret carries this marker, so any response can be searched for a leak.
const SECRET = "S3cr3tMarkerDoNotReturn";
const EVERY_TYPE: Record<string, unknown>[] = [
  { type: "email", target: "Ops@Example.test" },
  { type: "webhook", name: "Hook", target: "https://hooks.example.test/vigil", secrets: { secret: SECRET }, config: { headers: { "X-Team": "ops" } } },
  { type: "slack", target: "https://hooks.slack.com/services/T000/B000/XXXX" },
  { type: "discord", target: "https://discord.com/api/webhooks/1/abc" },
  { type: "teams", target: "https://example.webhook.office.com/webhookb2/abc" },
  { type: "mattermost", target: "https://chat.example.test/hooks/abc" },
  { type: "telegram", target: "-1001234567890", secrets: { botToken: `123456:${SECRET}` } },
  { type: "pagerduty", name: "On call", secrets: { routingKey: `${SECRET}XXXXXXXXX` } },
  { type: "ntfy", target: "https://ntfy.sh/vigil-test", secrets: { token: `tk_${SECRET}` } },
];

describe("/api/v1/alert-channels", () => {
  it("lists the owner's default channel, creates, and deletes", async () => {
    const c = await client();
    const list = await collection.GET(c.req("GET"), none);
    expect(list.status).toBe(200);
    const { data } = await list.json();
    expect(data).toEqual([expect.objectContaining({ type: "email", target: c.email, monitorIds: [], verified: true })]);
    const m = await createHeartbeatMonitor(c.workspaceId);
    const created = await c.create({ type: "email", target: "Ops@Example.test", monitorIds: [m.id] });
    expect(created.status).toBe(201);
    const channel = await created.json();
    // Not a member's address: it must confirm before it gets alerts.
    expect(channel).toMatchObject({ type: "email", target: "ops@example.test", monitorIds: [m.id], verified: false, hasSecret: false });
    expect((await c.get(channel.id)).status).toBe(200);
    const del = await item.DELETE(c.req("DELETE"), id(channel.id));
    expect(del.status).toBe(204);
    expect((await item.DELETE(c.req("DELETE"), id(channel.id))).status).toBe(404);
    expect((await c.get(channel.id)).status).toBe(404);
  });

  it("creates every channel type; secrets are never in any response", async () => {
    const c = await client();
    const bodies: string[] = [];
    for (const body of EVERY_TYPE) {
      const res = await c.create(body);
      const text = await res.text();
      bodies.push(text);
      expect(res.status, text).toBe(201);
      const ch = JSON.parse(text);
      expect(ch.type).toBe(body.type);
      if (body.secrets) {
        expect(ch.hasSecret).toBe(true);
        expect(Object.values(ch.secrets)).toEqual(Object.keys(body.secrets as object).map(() => "set"));
      }
      bodies.push(await (await c.get(ch.id)).text());
    }
    bodies.push(await (await collection.GET(c.req("GET"), none)).text());
    const list = JSON.parse(bodies.at(-1)!).data;
    // Every type added, plus the owner's default email channel that the first added one keeps alive.
    expect(list.map((d: { type: string }) => d.type).sort()).toEqual([...EVERY_TYPE.map((b) => b.type as string), "email"].sort());
    expect(list.find((d: { type: string }) => d.type === "webhook")).toMatchObject({
      headers: { "X-Team": "ops" },
      secrets: { secret: "set" },
      verified: true,
    });
    expect(list.find((d: { type: string }) => d.type === "pagerduty")).toMatchObject({ target: "", secrets: { routingKey: "set" } });
    for (const text of bodies) expect(text).not.toContain(SECRET);
  });

  it("PATCH changes name, target and scope, keeps secrets unless cleared, refuses a type change", async () => {
    const c = await client();
    const m = await createHeartbeatMonitor(c.workspaceId);
    const hook = await (await c.create({ type: "webhook", target: "https://a.example.test/hook", secrets: { secret: SECRET } })).json();
    const res = await c.patch(hook.id, { name: "Renamed", target: "https://b.example.test/hook", monitorIds: [m.id], muted: true });
    const patched = await res.json();
    expect(res.status).toBe(200);
    expect(patched).toMatchObject({ name: "Renamed", target: "https://b.example.test/hook", monitorIds: [m.id], muted: true, secrets: { secret: "set" } });
    expect(JSON.stringify(patched)).not.toContain(SECRET);
    const { alertChannels } = await import("@/lib/db/schema");
    const { eq } = await import("drizzle-orm");
    const [row] = await db.select().from(alertChannels).where(eq(alertChannels.id, hook.id));
    expect(row.secrets).toEqual({ secret: SECRET });
    expect((await (await c.patch(hook.id, { secrets: { secret: "" } })).json()).secrets).toEqual({ secret: "set" });
    expect(await (await c.patch(hook.id, { secrets: { secret: null } })).json()).toMatchObject({ hasSecret: false, secrets: {} });
    const typeChange = await c.patch(hook.id, { type: "slack" });
    expect(typeChange.status).toBe(400);
    expect((await typeChange.json()).error.fields.type).toMatch(/can't be changed/);
    // A required secret can't be cleared.
    const tg = await (await c.create({ type: "telegram", target: "12345", secrets: { botToken: "123:abcdefghijklmnopqrstuvwxyz" } })).json();
    const cleared = await c.patch(tg.id, { secrets: { botToken: null } });
    expect(cleared.status).toBe(400);
    expect((await cleared.json()).error.fields["secrets.botToken"]).toMatch(/required/);
  });

  it("a new email address on PATCH must confirm again; a member's address needn't", async () => {
    const c = await client();
    const [own] = (await (await collection.GET(c.req("GET"), none)).json()).data;
    const moved = await (await c.patch(own.id, { target: "someone-else@example.test" })).json();
    expect(moved).toMatchObject({ target: "someone-else@example.test", verified: false });
    const back = await (await c.patch(own.id, { target: c.email.toUpperCase() })).json();
    expect(back).toMatchObject({ target: c.email, verified: true });
  });

  it("rejects bad input with field messages (strict: unknown fields too)", async () => {
    const c = await client();
    const cases: [unknown, string][] = [
      [{ target: "not-an-email" }, "target"],
      [{ target: "a@b.test", type: "sms" }, "type"],
      [{ target: "a@b.test", monitorIds: ["nope"] }, "monitorIds.0"],
      [{ target: "a@b.test", extra: 1 }, "_"],
      [{ type: "webhook", target: "ftp://example.test/hook" }, "target"],
      [{ type: "webhook", target: "javascript:alert(1)" }, "target"],
      [{ type: "webhook", target: "https://example.test/h", secrets: { secret: "x".repeat(300) } }, "secrets.secret"],
      [{ type: "webhook", target: "https://example.test/h", secrets: { secret: "x".repeat(5000) } }, "secrets.secret"],
      [{ type: "webhook", target: "https://example.test/h", config: { headers: { "Vigil-Signature": "forged" } } }, "config.headers"],
      [{ type: "telegram", target: "123" }, "secrets.botToken"],
      [{ type: "pagerduty" }, "secrets.routingKey"],
      [{ type: "slack", target: "not a url" }, "target"],
    ];
    for (const [body, field] of cases) {
      const res = await c.create(body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      const err = await res.json();
      expect(err.error.code).toBe("invalid_input");
      expect(Object.keys(err.error.fields), JSON.stringify(err)).toContain(field);
    }
    const unknown = await (await c.create({ type: "sms", target: "x" })).json();
    expect(unknown.error.fields.type).toContain("webhook, slack");
  });

  it("another workspace's channel or monitor is 404 / invalid, never touched", async () => {
    const a = await client();
    const b = await client();
    const created = await (await a.create({ type: "webhook", target: "https://a.example.test/hook" })).json();
    expect((await item.DELETE(b.req("DELETE"), id(created.id))).status).toBe(404);
    expect((await item.DELETE(b.req("DELETE"), id("not-a-uuid"))).status).toBe(404);
    expect((await b.get(created.id)).status).toBe(404);
    expect((await b.patch(created.id, { name: "mine now" })).status).toBe(404);
    expect((await test.POST(b.req("POST"), id(created.id))).status).toBe(404);
    const { data } = await (await collection.GET(b.req("GET"), none)).json();
    expect(data.map((d: { id: string }) => d.id)).not.toContain(created.id);
    expect((await a.get(created.id).then((r) => r.json())).name).toBe("");
    const foreignMonitor = await createHeartbeatMonitor(a.workspaceId);
    const res = await b.create({ target: "x@example.test", monitorIds: [foreignMonitor.id] });
    expect(res.status).toBe(400);
    expect((await res.json()).error.fields.monitorIds).toBe("Unknown monitor in this workspace");
    const mine = await (await b.create({ type: "slack", target: "https://hooks.slack.com/services/x" })).json();
    expect((await b.patch(mine.id, { monitorIds: [foreignMonitor.id] })).status).toBe(400);
  });

  it("test send: 202, then 429 with Retry-After when flooded; an unconfirmed address is refused", async () => {
    const c = await client();
    const hook = await (await c.create({ type: "webhook", target: "https://a.example.test/hook" })).json();
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 6; i++) {
      last = await test.POST(c.req("POST"), id(hook.id));
      statuses.push(last.status);
    }
    expect(statuses).toEqual([202, 202, 202, 202, 202, 429]);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await last!.json()).error.code).toBe("rate_limited");
    const unconfirmed = await (await c.create({ target: "stranger@example.test" })).json();
    expect((await test.POST(c.req("POST"), id(unconfirmed.id))).status).toBe(400);
  });

  it("requires an API key", async () => {
    const res = await collection.GET(new Request("http://x/api/v1/alert-channels"), none);
    expect(res.status).toBe(401);
  });
});

describe("/api/v1/monitors/{id}/pings", () => {
  it("lists pings newest first; another workspace's monitor is 404; bad limit is 400", async () => {
    const a = await client();
    const b = await client();
    const m = await createHeartbeatMonitor(a.workspaceId);
    const get = (c: typeof a, id: string, q = "") =>
      pings.GET(new Request(`http://x/api/v1/monitors/${id}/pings${q}`, { headers: c.headers }), { params: Promise.resolve({ id }) });
    const ok = await get(a, m.id);
    expect(ok.status).toBe(200);
    expect((await ok.json()).data).toEqual([]);
    expect((await get(b, m.id)).status).toBe(404);
    expect((await get(a, m.id, "?limit=0")).status).toBe(400);
  });
});
