import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "@/lib/context";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { closeDb, db } from "@/lib/db/client";
import { checkResults, incidents, monitors } from "@/lib/db/schema";
import { closeRedis } from "@/lib/redis/client";
import { createTestUser } from "@/tests/factories";
import { GET as listIncidents } from "./route";
import { GET as listChecks } from "../monitors/[id]/checks/route";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

let key: string;
let otherKey: string;
let workspaceId: string;
let monitorId: string;
let otherMonitorId: string;
const BASE = "http://vigil.test/api/v1";
const get = (path: string, k: string | null = key) => new Request(`${BASE}${path}`, { headers: k ? { authorization: `Bearer ${k}` } : {} });
const noParams = { params: Promise.resolve({}) } as never;
const idParams = (id: string) => ({ params: Promise.resolve({ id }) });

beforeAll(async () => {
  const a = await createTestUser();
  workspaceId = a.workspaceId;
  key = (await createApiKey(systemCtx(db, workspaceId), { name: "ci" })).key;
  const b = await createTestUser();
  otherKey = (await createApiKey(systemCtx(db, b.workspaceId), { name: "other" })).key;
  const [m, m2] = await db
    .insert(monitors)
    .values([
      { workspaceId, type: "http", name: "api", url: "http://127.0.0.1:9/" },
      { workspaceId, type: "http", name: "web", url: "http://127.0.0.1:9/" },
    ])
    .returning();
  monitorId = m.id;
  const [o] = await db.insert(monitors).values({ workspaceId: b.workspaceId, type: "http", name: "theirs", url: "http://127.0.0.1:9/" }).returning();
  otherMonitorId = o.id;
  const t = Date.now();
  await db.insert(incidents).values([
    {
      workspaceId,
      monitorId: m.id,
      status: "resolved",
      cause: "HTTP 503 from eu",
      regions: ["eu"],
      startedAt: new Date(t - 7_200_000),
      resolvedAt: new Date(t - 7_000_000),
    },
    {
      workspaceId,
      monitorId: m2.id,
      status: "resolved",
      cause: "Timed out after 10 s from us",
      regions: ["us"],
      startedAt: new Date(t - 60_000),
      resolvedAt: new Date(t - 30_000),
    },
    { workspaceId, monitorId: m.id, status: "open", cause: "HTTP 500 from eu, us", regions: ["eu", "us"], startedAt: new Date(t - 3_600_000) },
    { workspaceId: b.workspaceId, monitorId: o.id, status: "open", cause: "not yours", regions: ["eu"] },
  ]);
  await db.insert(checkResults).values(
    Array.from({ length: 7 }, (_, i) => ({
      monitorId: m.id,
      region: i % 2 ? "us" : "eu",
      startedAt: new Date(t - (7 - i) * 1000),
      ok: i !== 3,
      statusCode: i === 3 ? 503 : 200,
      latencyMs: 10 + i,
      totalMs: 10 + i,
      error: i === 3 ? "Expected status 200-299, got 503" : null,
    })),
  );
});

describe("GET /api/v1/incidents", () => {
  it("lists the workspace's incidents, open first then newest, in the contract's shape", async () => {
    const res = await listIncidents(get("/incidents"), noParams);
    expect(res.status).toBe(200);
    const { data } = await res.json();
    expect(data.map((i: { cause: string }) => i.cause)).toEqual(["HTTP 500 from eu, us", "Timed out after 10 s from us", "HTTP 503 from eu"]);
    expect(Object.keys(data[0]).sort()).toEqual([
      "acknowledgedAt",
      "acknowledgedBy",
      "cause",
      "id",
      "monitorId",
      "regions",
      "resolvedAt",
      "startedAt",
      "status",
    ]);
    expect(data[0]).toMatchObject({ status: "open", resolvedAt: null, regions: ["eu", "us"], monitorId });
  });

  it("filters by monitor and status", async () => {
    const res = await listIncidents(get(`/incidents?monitorId=${monitorId}&status=resolved`), noParams);
    const { data } = await res.json();
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ status: "resolved", cause: "HTTP 503 from eu" });
  });

  it("answers 404 for another workspace's or a malformed monitorId, 400 for bad filters, 401 without a key", async () => {
    expect((await listIncidents(get(`/incidents?monitorId=${otherMonitorId}`), noParams)).status).toBe(404);
    expect((await listIncidents(get(`/incidents?monitorId=nope`), noParams)).status).toBe(404);
    const bad = await listIncidents(get(`/incidents?status=closed&color=red`), noParams);
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.fields).toHaveProperty("status");
    expect((await listIncidents(get("/incidents", null), noParams)).status).toBe(401);
    const theirs = await (await listIncidents(get("/incidents", otherKey), noParams)).json();
    expect(theirs.data.map((i: { cause: string }) => i.cause)).toEqual(["not yours"]);
  });
});

describe("GET /api/v1/monitors/{id}/checks", () => {
  it("pages newest first with limit and before", async () => {
    const first = await (await listChecks(get(`/monitors/${monitorId}/checks?limit=3`), idParams(monitorId))).json();
    expect(first.data).toHaveLength(3);
    expect(first.data[0].latencyMs).toBe(16);
    expect(Object.keys(first.data[0]).sort()).toEqual(["error", "id", "latencyMs", "monitorId", "ok", "region", "startedAt", "statusCode", "timings"]);
    expect(Object.keys(first.data[0].timings).sort()).toEqual(["connectMs", "dnsMs", "tlsMs", "totalMs", "ttfbMs"]);
    const before = encodeURIComponent(first.data[2].startedAt);
    const second = await (await listChecks(get(`/monitors/${monitorId}/checks?limit=3&before=${before}`), idParams(monitorId))).json();
    expect(second.data.map((c: { latencyMs: number }) => c.latencyMs)).toEqual([13, 12, 11]);
    expect(second.data[0]).toMatchObject({ ok: false, statusCode: 503, error: "Expected status 200-299, got 503" });
  });

  it("answers 404 for another workspace's monitor and 400 for a bad limit or cursor", async () => {
    expect((await listChecks(get(`/monitors/${otherMonitorId}/checks`), idParams(otherMonitorId))).status).toBe(404);
    expect((await listChecks(get(`/monitors/${monitorId}/checks`, otherKey), idParams(monitorId))).status).toBe(404);
    expect((await listChecks(get(`/monitors/${monitorId}/checks?limit=0`), idParams(monitorId))).status).toBe(400);
    expect((await listChecks(get(`/monitors/${monitorId}/checks?before=yesterday`), idParams(monitorId))).status).toBe(400);
  });
});
