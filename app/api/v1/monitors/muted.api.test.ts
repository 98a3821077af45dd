import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { systemCtx } from "@/lib/context";
import { closeDb, db } from "@/lib/db/client";
import { closeRedis } from "@/lib/redis/client";
import { createTestUser } from "@/tests/factories";
import { POST as create } from "./route";
import { GET as getOne, PATCH as patch } from "./[id]/route";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

let key: string;
let otherKey: string;
beforeAll(async () => {
  const a = await createTestUser();
  key = (await createApiKey(systemCtx(db, a.workspaceId), { name: "ci" })).key;
  const b = await createTestUser();
  otherKey = (await createApiKey(systemCtx(db, b.workspaceId), { name: "other" })).key;
});

const req = (path: string, method = "GET", body?: unknown, k = key) =>
  new Request(`http://vigil.test/api/v1/monitors${path}`, {
    method,
    headers: { authorization: `Bearer ${k}`, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const id = (v: string) => ({ params: Promise.resolve({ id: v }) });

describe("monitor fields muted and remindEveryMinutes", () => {
  it("default off; PATCH {muted: true} mutes like paused pauses, and other PATCHes keep it", async () => {
    for (const body of [
      { type: "http", name: "Site", url: "https://example.com" },
      { type: "heartbeat", name: "Job", periodSeconds: 3600 },
    ]) {
      const res = await create(req("", "POST", body), { params: Promise.resolve({}) } as never);
      expect(res.status).toBe(201);
      const m = await res.json();
      expect(m).toMatchObject({ muted: false, remindEveryMinutes: null });
      const muted = await patch(req(`/${m.id}`, "PATCH", { muted: true }), id(m.id));
      expect(muted.status).toBe(200);
      expect(await muted.json()).toMatchObject({ muted: true, paused: false });
      const renamed = await (await patch(req(`/${m.id}`, "PATCH", { name: "Renamed", remindEveryMinutes: 30 }), id(m.id))).json();
      expect(renamed).toMatchObject({ name: "Renamed", muted: true, remindEveryMinutes: 30 });
      expect(await (await getOne(req(`/${m.id}`), id(m.id))).json()).toMatchObject({ muted: true, remindEveryMinutes: 30 });
      expect(await (await patch(req(`/${m.id}`, "PATCH", { muted: false, remindEveryMinutes: null }), id(m.id))).json()).toMatchObject({
        muted: false,
        remindEveryMinutes: null,
      });
      // Another workspace's key can't mute it.
      expect((await patch(req(`/${m.id}`, "PATCH", { muted: true }, otherKey), id(m.id))).status).toBe(404);
    }
  });

  it("remindEveryMinutes is null or 5…1440 whole minutes; muted is a boolean", async () => {
    const created = await (
      await create(req("", "POST", { type: "http", name: "Site", url: "https://example.com", remindEveryMinutes: 1440 }), {
        params: Promise.resolve({}),
      } as never)
    ).json();
    expect(created.remindEveryMinutes).toBe(1440);
    for (const [body, field] of [
      [{ remindEveryMinutes: 4 }, "remindEveryMinutes"],
      [{ remindEveryMinutes: 2000 }, "remindEveryMinutes"],
      [{ remindEveryMinutes: 7.5 }, "remindEveryMinutes"],
      [{ remindEveryMinutes: "15" }, "remindEveryMinutes"],
      [{ muted: "yes" }, "muted"],
    ] as const) {
      const res = await patch(req(`/${created.id}`, "PATCH", body), id(created.id));
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys((await res.json()).error.fields)).toContain(field);
    }
    const bad = await create(req("", "POST", { type: "heartbeat", name: "Job", periodSeconds: 3600, remindEveryMinutes: 4 }), {
      params: Promise.resolve({}),
    } as never);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields.remindEveryMinutes).toMatch(/at least 5/);
  });
});
