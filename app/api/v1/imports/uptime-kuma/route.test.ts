import { readFileSync } from "node:fs";
import path from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { siteCtx, systemCtx } from "@/lib/context";
import { closeDb, db } from "@/lib/db/client";
import { monitors } from "@/lib/db/schema";
import { setWorkspaceQuotas } from "@/lib/quotas/quotas";
import { closeRedis } from "@/lib/redis/client";
import { createTestUser } from "@/tests/factories";
import { POST } from "./route";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

const FIXTURE = readFileSync(path.join(import.meta.dirname, "../../../../../lib/imports/uptime-kuma/fixture.kuma-backup.json"), "utf8");

const post = (key: string, body: string | ReadableStream, headers: Record<string, string> = {}) =>
  POST(
    new Request("http://vigil.test/api/v1/imports/uptime-kuma", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
      body,
      ...(typeof body === "string" ? {} : { duplex: "half" }),
    } as RequestInit),
    { params: Promise.resolve({}) } as never,
  );

async function tenant() {
  const t = await createTestUser();
  const { key } = await createApiKey(systemCtx(db, t.workspaceId), { name: "import" });
  return { ...t, key };
}

async function monitorCount(workspaceId: string): Promise<number> {
  const [{ n }] = await db.select({ n: count() }).from(monitors).where(eq(monitors.workspaceId, workspaceId));
  return n;
}

describe("POST /api/v1/imports/uptime-kuma", () => {
  it("imports a backup into the key's workspace and answers created, skipped and the new ping URLs", async () => {
    const a = await tenant();
    const b = await tenant();
    const res = await post(a.key, FIXTURE);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.created).toBeGreaterThanOrEqual(6);
    expect(body.skipped).toContainEqual({ name: "Production", reason: expect.stringMatching(/groups/i) });
    expect(body.skipped).toContainEqual({ name: "Maintenance banner", reason: expect.stringMatching(/upside-down/i) });
    const heartbeat = body.monitors.find((m: { name: string }) => m.name === "Nightly backup");
    expect(heartbeat).toMatchObject({ type: "heartbeat", pingUrl: expect.stringMatching(/\/ping\/[A-Za-z0-9_-]{20,}$/) });
    expect(await monitorCount(a.workspaceId)).toBe(body.created);
    expect(await monitorCount(b.workspaceId)).toBe(0);
  });

  it("takes backups larger than the API's usual 256 KiB body", async () => {
    const t = await tenant();
    const one = JSON.parse(FIXTURE).monitorList[0];
    const monitorList = Array.from({ length: 300 }, (_, i) => ({ ...one, id: i + 1, name: `site ${i}` }));
    const file = JSON.stringify({ version: "1.23.16", notificationList: [], monitorList });
    expect(Buffer.byteLength(file)).toBeGreaterThan(256 * 1024);
    const res = await post(t.key, file);
    expect(res.status).toBe(200);
    expect((await res.json()).created).toBe(300);
  });

  it("refuses a file that isn't JSON or isn't a Kuma backup with 400 and a clear message", async () => {
    const t = await tenant();
    const notJson = await post(t.key, "<html>backup</html>");
    expect(notJson.status).toBe(400);
    expect((await notJson.json()).error).toMatchObject({ code: "invalid_input", message: expect.stringMatching(/isn't valid JSON/) });
    const notKuma = await post(t.key, JSON.stringify({ data: [{ type: "http", name: "x" }] }));
    expect(notKuma.status).toBe(400);
    expect((await notKuma.json()).error.message).toMatch(/isn't an Uptime Kuma backup/);
    expect(await monitorCount(t.workspaceId)).toBe(0);
  });

  it("refuses 10,000 monitors quickly with the limit named, and a body over 5 MiB before reading it", async () => {
    const t = await tenant();
    const monitorList = Array.from({ length: 10_000 }, (_, i) => ({
      name: `m${i}`,
      type: "http",
      url: `https://m${i}.example.com`,
      interval: 60,
      active: true,
    }));
    const started = performance.now();
    const res = await post(t.key, JSON.stringify({ version: "1.23.16", notificationList: [], monitorList }));
    expect(performance.now() - started).toBeLessThan(3000);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/lists 10,000 monitors; an import takes at most 1,000/);

    const huge = await post(t.key, "x", { "content-length": String(6 * 1024 * 1024) });
    expect(huge.status).toBe(413);
    expect((await huge.json()).error.code).toBe("payload_too_large");
    expect(await monitorCount(t.workspaceId)).toBe(0);
  });

  it("past the monitor quota: 403 quota_exceeded and nothing created", async () => {
    const t = await tenant();
    await setWorkspaceQuotas(siteCtx(db), t.workspaceId, { monitors: 2 });
    const res = await post(t.key, FIXTURE);
    expect(res.status).toBe(403);
    expect((await res.json()).error).toMatchObject({ code: "quota_exceeded", message: expect.stringMatching(/its quota is 2/) });
    expect(await monitorCount(t.workspaceId)).toBe(0);
  });
});
