import { count, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { siteCtx, systemCtx } from "@/lib/context";
import { closeDb, db } from "@/lib/db/client";
import { monitors } from "@/lib/db/schema";
import { setWorkspaceQuotas } from "@/lib/quotas/quotas";
import { closeRedis } from "@/lib/redis/client";
import { createTestUser } from "@/tests/factories";
import { POST as create } from "./route";
import { PATCH as patch } from "./[id]/route";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

const post = (key: string, body: unknown) =>
  create(
    new Request("http://vigil.test/api/v1/monitors", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    }),
    {
      params: Promise.resolve({}),
    } as never,
  );

describe("quotas through the API", () => {
  it("the monitor past the workspace's quota is 403 quota_exceeded naming the limit, and nothing is saved", async () => {
    const t = await createTestUser();
    const { key } = await createApiKey(systemCtx(db, t.workspaceId), { name: "quota" });
    await setWorkspaceQuotas(siteCtx(db), t.workspaceId, { monitors: 1, minIntervalSeconds: 60 });
    const ok = await post(key, { type: "http", name: "one", url: "https://example.com", intervalSeconds: 60 });
    expect(ok.status).toBe(201);

    const over = await post(key, { type: "http", name: "two", url: "https://example.com", intervalSeconds: 60 });
    expect(over.status).toBe(403);
    const body = await over.json();
    expect(body.error.code).toBe("quota_exceeded");
    expect(body.error.message).toMatch(/quota of 1 monitors/);
    const [{ n }] = await db.select({ n: count() }).from(monitors).where(eq(monitors.workspaceId, t.workspaceId));
    expect(n).toBe(1);

    // The interval quota holds on edits too, as a field error the form can show.
    const id = (await ok.json()).id;
    const faster = await patch(
      new Request(`http://vigil.test/api/v1/monitors/${id}`, {
        method: "PATCH",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify({ intervalSeconds: 30 }),
      }),
      { params: Promise.resolve({ id }) },
    );
    expect(faster.status).toBe(403);
    expect((await faster.json()).error.fields).toEqual({ intervalSeconds: expect.stringMatching(/every 60 seconds/) });

    // An operator raises it: the second monitor fits.
    await setWorkspaceQuotas(siteCtx(db), t.workspaceId, { monitors: 2 });
    expect((await post(key, { type: "http", name: "two", url: "https://example.com", intervalSeconds: 60 })).status).toBe(201);
  });
});
