import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "@/lib/context";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { closeDb, db } from "@/lib/db/client";
import { closeRedis } from "@/lib/redis/client";
import { insertMonitor } from "@/lib/rollups/seed";
import { createTestUser } from "@/tests/factories";
import { GET as getMonitor } from "../monitors/[id]/route";
import { DELETE, GET as getOne, PATCH } from "./[id]/route";
import { GET as list, POST } from "./route";

const BASE = "http://vigil.test/api/v1/maintenance-windows";
let key: string;
let otherKey: string;
let monitorId: string;

beforeAll(async () => {
  const a = await createTestUser();
  const b = await createTestUser();
  key = (await createApiKey(systemCtx(db, a.workspaceId), { name: "t" })).key;
  otherKey = (await createApiKey(systemCtx(db, b.workspaceId), { name: "t" })).key;
  monitorId = (await insertMonitor(db, { workspaceId: a.workspaceId })).id;
});
afterAll(async () => {
  await closeDb();
  await closeRedis();
});

const req = (url: string, init: RequestInit & { bearer?: string } = {}) =>
  new Request(url, { ...init, headers: { authorization: `Bearer ${init.bearer ?? key}`, "content-type": "application/json" } });
const p = (id: string) => ({ params: Promise.resolve({ id }) });
const noParams = { params: Promise.resolve({}) };
const iso = (ms: number) => new Date(Date.now() + ms).toISOString();

describe("/api/v1/maintenance-windows", () => {
  it("creates an active window (the monitor reads status maintenance), lists, patches, deletes; 404 for another workspace", async () => {
    const res = await POST(
      req(BASE, { method: "POST", body: JSON.stringify({ title: "Deploy", monitorIds: [monitorId], startsAt: iso(-60_000), endsAt: iso(3_600_000) }) }),
      noParams,
    );
    expect(res.status).toBe(201);
    const w = await res.json();
    expect(w).toMatchObject({ title: "Deploy", description: null, monitorIds: [monitorId], recurrence: null, active: true });
    expect((await (await getMonitor(req(`http://vigil.test/api/v1/monitors/${monitorId}`), p(monitorId))).json()).status).toBe("maintenance");

    expect((await (await list(req(BASE), noParams)).json()).data.map((x: { id: string }) => x.id)).toContain(w.id);
    expect((await getOne(req(`${BASE}/${w.id}`, { bearer: otherKey }), p(w.id))).status).toBe(404);
    expect((await PATCH(req(`${BASE}/${w.id}`, { method: "PATCH", bearer: otherKey, body: "{}" }), p(w.id))).status).toBe(404);
    expect((await DELETE(req(`${BASE}/${w.id}`, { method: "DELETE", bearer: otherKey }), p(w.id))).status).toBe(404);

    const recurring = {
      recurrence: { cron: "0 3 * * 0", timezone: "Europe/Berlin", durationMinutes: 90 },
      startsAt: iso(3_600_000),
      endsAt: iso(90 * 86_400_000),
    };
    const patched = await PATCH(req(`${BASE}/${w.id}`, { method: "PATCH", body: JSON.stringify(recurring) }), p(w.id));
    expect(patched.status).toBe(200);
    const pw = await patched.json();
    expect(pw).toMatchObject({ active: false, recurrence: recurring.recurrence });
    expect(new Date(pw.nextOccurrence.endsAt).getTime() - new Date(pw.nextOccurrence.startsAt).getTime()).toBe(90 * 60_000);
    expect((await (await getMonitor(req(`http://vigil.test/api/v1/monitors/${monitorId}`), p(monitorId))).json()).status).not.toBe("maintenance");

    expect((await DELETE(req(`${BASE}/${w.id}`, { method: "DELETE" }), p(w.id))).status).toBe(204);
    expect((await getOne(req(`${BASE}/${w.id}`), p(w.id))).status).toBe(404);
  });

  it("answers 400 with field messages for bad input", async () => {
    const bad = await POST(
      req(BASE, {
        method: "POST",
        body: JSON.stringify({
          title: "",
          monitorIds: [monitorId],
          startsAt: iso(3_600_000),
          endsAt: iso(0),
          recurrence: { cron: "* * *", timezone: "Nowhere/Else", durationMinutes: 10 },
          extra: 1,
        }),
      }),
      noParams,
    );
    expect(bad.status).toBe(400);
    const body = await bad.json();
    expect(body.error.code).toBe("invalid_input");
    expect(Object.keys(body.error.fields)).toEqual(expect.arrayContaining(["title", "recurrence.timezone"]));
  });
});
