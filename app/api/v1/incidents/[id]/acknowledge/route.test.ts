import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "@/lib/context";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { closeDb, db } from "@/lib/db/client";
import { createHeartbeatMonitor } from "@/lib/heartbeats/testing";
import { openIncident } from "@/lib/incidents/open-incident";
import { closeRedis } from "@/lib/redis/client";
import { createTestUser } from "@/tests/factories";
import { POST } from "./route";

let key: string;
let otherKey: string;
let incidentId: string;

beforeAll(async () => {
  const a = await createTestUser();
  key = (await createApiKey(systemCtx(db, a.workspaceId), { name: "oncall-bot" })).key;
  const b = await createTestUser();
  otherKey = (await createApiKey(systemCtx(db, b.workspaceId), { name: "other" })).key;
  const m = await createHeartbeatMonitor(a.workspaceId);
  incidentId = (await openIncident(db, { workspaceId: a.workspaceId, monitorId: m.id, cause: "down", regions: [] })).incident!.id;
});
afterAll(async () => {
  await closeDb();
  await closeRedis();
});

const ack = (id: string, k: string | null = key) =>
  POST(new Request(`http://vigil.test/api/v1/incidents/${id}/acknowledge`, { method: "POST", headers: k ? { authorization: `Bearer ${k}` } : {} }), {
    params: Promise.resolve({ id }),
  });

describe("POST /api/v1/incidents/{id}/acknowledge", () => {
  it("401 without a key; 404 for another workspace's incident or a bad id", async () => {
    expect((await ack(incidentId, null)).status).toBe(401);
    const res = await ack(incidentId, otherKey);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "Incident not found" } });
    expect((await ack("nope")).status).toBe(404);
  });

  it("answers the Incident with acknowledgedAt and acknowledgedBy; a second call is idempotent", async () => {
    const res = await ack(incidentId);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id: incidentId, status: "open", acknowledgedBy: { type: "apiKey", label: "API key oncall-bot" } });
    expect(Date.parse(body.acknowledgedAt)).toBeGreaterThan(Date.now() - 60_000);
    const again = await (await ack(incidentId)).json();
    expect(again).toEqual(body);
  });
});
