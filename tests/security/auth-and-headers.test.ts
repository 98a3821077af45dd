/**
 * Abuse limits through the real routes, where the unit tests stop short of them. Already covered
 * elsewhere, and not repeated here: the sign-in lockout by strangers and oversized sign-in input
 * (lib/auth/auth.test.ts), the open-redirect table (lib/auth/safe-callback.test.ts), the rate-limit
 * buckets (lib/redis/redis.test.ts), the API limit's headers and the body cap on a stub route
 * (app/api/v1/_lib/handler.test.ts), the monitor quotas (app/api/v1/monitors/quotas.api.test.ts) and
 * the security headers (lib/http/security-headers.test.ts, e2e/security-headers.spec.ts).
 */
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";

vi.mock("next/cache", () => ({ revalidatePath: () => {}, revalidateTag: () => {} }));

import { createApiKey } from "@/lib/api-keys/api-keys";
import { siteCtx, systemCtx } from "@/lib/context";
import { closeDb, db } from "@/lib/db/client";
import { alertChannels, alertOutbox, monitors, statusPages } from "@/lib/db/schema";
import { env } from "@/lib/env";
import { setWorkspaceQuotas } from "@/lib/quotas/quotas";
import { closeRedis } from "@/lib/redis/client";
import { createTestUser } from "@/tests/factories";
import * as channels from "@/app/api/v1/alert-channels/route";
import * as testSend from "@/app/api/v1/alert-channels/[id]/test/route";
import * as monitorsRoute from "@/app/api/v1/monitors/route";
import * as pages from "@/app/api/v1/status-pages/route";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

// Any route handler: the params each one takes are given by the caller.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Handler = (req: Request, ctx: { params: Promise<any> }) => Promise<Response>;
const call = (h: Handler, key: string, body?: unknown, params: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  h(
    new Request("http://vigil.test/api/v1/x", {
      method: "POST",
      headers: { authorization: `Bearer ${key}`, "content-type": "application/json", ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    }),
    { params: Promise.resolve(params) },
  );
const rows = async (table: typeof monitors | typeof alertChannels | typeof statusPages | typeof alertOutbox, workspaceId: string) =>
  (await db.select({ n: count() }).from(table).where(eq(table.workspaceId, workspaceId)))[0]!.n;

async function tenant(quotas: Parameters<typeof setWorkspaceQuotas>[2]) {
  const t = await createTestUser();
  await setWorkspaceQuotas(siteCtx(db), t.workspaceId, quotas);
  return { ...t, key: (await createApiKey(systemCtx(db, t.workspaceId), { name: "quota" })).key };
}

describe("quotas through the API (the ones the monitor tests don't reach)", () => {
  it("alert channels: the one past the quota is 403 quota_exceeded naming it, nothing saved", async () => {
    const t = await tenant({ alertChannels: 1 });
    const hook = (n: number) => ({ type: "webhook", name: `Hook ${n}`, target: `https://hooks.example.test/${n}` });
    expect((await call(channels.POST, t.key, hook(1))).status).toBe(201);
    const over = await call(channels.POST, t.key, hook(2));
    expect(over.status).toBe(403);
    expect((await over.json()).error).toMatchObject({ code: "quota_exceeded", message: expect.stringMatching(/quota of 1 alert channels/) });
    // The owner's default email channel, made before the first added one, is not counted.
    expect(await rows(alertChannels, t.workspaceId)).toBe(2);
  });

  it("status pages: the one past the quota is 403 quota_exceeded naming it, nothing saved", async () => {
    const t = await tenant({ statusPages: 1 });
    const page = (n: number) => ({ slug: `quota-${n}-${Date.now().toString(36)}`, title: `Page ${n}` });
    expect((await call(pages.POST, t.key, page(1))).status).toBe(201);
    const over = await call(pages.POST, t.key, page(2));
    expect(over.status).toBe(403);
    expect((await over.json()).error).toMatchObject({ code: "quota_exceeded", message: expect.stringMatching(/quota of 1 status pages/) });
    expect(await rows(statusPages, t.workspaceId)).toBe(1);
  });

  it("test sends per hour: past the workspace's quota a 429 with Retry-After, nothing queued", async () => {
    const t = await tenant({ testSendsPerHour: 2 });
    const ch = (await (await call(channels.POST, t.key, { type: "webhook", name: "Hook", target: "https://hooks.example.test/t" })).json()) as { id: string };
    for (let i = 0; i < 2; i++) expect((await call(testSend.POST, t.key, undefined, { id: ch.id })).status).toBe(202);
    const over = await call(testSend.POST, t.key, undefined, { id: ch.id });
    expect(over.status).toBe(429);
    expect(Number(over.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await over.json()).error.code).toBe("rate_limited");
    expect(await rows(alertOutbox, t.workspaceId)).toBe(2);
  });
});

describe("API rate limit on a real route", () => {
  const configured = env.API_RATE_LIMIT_PER_MINUTE;
  beforeAll(() => {
    env.API_RATE_LIMIT_PER_MINUTE = 2;
  });
  afterAll(() => {
    env.API_RATE_LIMIT_PER_MINUTE = configured;
  });

  it("past the limit a create is 429 + Retry-After before its body is read, and creates nothing", async () => {
    const t = await createTestUser();
    const key = (await createApiKey(systemCtx(db, t.workspaceId), { name: "limited" })).key;
    const monitor = { type: "http", name: "site", url: "https://example.com" };
    for (let i = 0; i < 2; i++) expect((await call(monitorsRoute.POST, key, monitor)).status).toBe(201);

    const refused = await call(monitorsRoute.POST, key, monitor);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect((await refused.json()).error.code).toBe("rate_limited");
    // A body declared over the cap is still a 429, not a 413: the limit is checked before reading.
    expect((await call(monitorsRoute.POST, key, monitor, {}, { "content-length": String(10 * 1024 * 1024) })).status).toBe(429);
    expect(await rows(monitors, t.workspaceId)).toBe(2);

    // Another workspace's key has its own window.
    const other = await createTestUser();
    const otherKey = (await createApiKey(systemCtx(db, other.workspaceId), { name: "other" })).key;
    expect((await call(monitorsRoute.POST, otherKey, monitor)).status).toBe(201);
  });
});
