import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db/client";
import { alertChannels, alertOutbox, incidents } from "@/lib/db/schema";
import { closeRedis } from "@/lib/redis/client";
import { insertCheckSeries, insertMonitor } from "@/lib/rollups/seed";
import { createTestUser, userCtx } from "@/tests/factories";
import { getIncidentDetail } from "./incident-detail";

const MIN = 60_000;
let ws: string;
let other: string;
let incidentId: string;

beforeAll(async () => {
  ws = (await createTestUser()).workspaceId;
  other = (await createTestUser()).workspaceId;
  const m = await insertMonitor(db, { workspaceId: ws, name: "Shop" });
  const start = new Date(Date.now() - 120 * MIN);
  const end = new Date(start.getTime() + 15 * MIN);
  await insertCheckSeries(db, {
    monitorId: m.id,
    regions: ["eu", "us"],
    from: new Date(start.getTime() - 30 * MIN),
    to: new Date(end.getTime() + 30 * MIN),
    everySeconds: 60,
    failing: [{ from: start, to: end }],
  });
  const [opening] = (await db.execute(sql`select id from check_results where monitor_id = ${m.id} and not ok order by started_at limit 1`)) as unknown as {
    id: number;
  }[];
  const [inc] = await db
    .insert(incidents)
    .values({ workspaceId: ws, monitorId: m.id, status: "resolved", cause: "HTTP 503", startedAt: start, resolvedAt: end, openingCheckId: Number(opening.id) })
    .returning();
  incidentId = inc.id;
  const [ch] = await db.insert(alertChannels).values({ workspaceId: ws, target: "oncall@example.test" }).returning();
  await db.insert(alertOutbox).values([
    { workspaceId: ws, incidentId, channelId: ch.id, event: "opened", idempotencyKey: `${incidentId}:o`, status: "sent", createdAt: start, sentAt: start },
    {
      workspaceId: ws,
      incidentId,
      channelId: ch.id,
      event: "resolved",
      idempotencyKey: `${incidentId}:r`,
      // Written when the incident resolved, as the real rows are (one insert would give both the same now()).
      createdAt: end,
      status: "failed",
      attempts: 5,
      lastError: "550 mailbox unavailable",
    },
  ]);
});
afterAll(async () => {
  await closeDb();
  await closeRedis();
});

describe("getIncidentDetail", () => {
  it("has the failing response, the checks around the start and the recovery per region, and the alerts", async () => {
    const d = (await getIncidentDetail(userCtx(db, ws), incidentId))!;
    expect(d.monitor.name).toBe("Shop");
    expect(d.openingCheck).toMatchObject({ ok: false, statusCode: 503 });
    expect(d.openingCheck!.responseSnippet).toContain("Service Unavailable");
    expect(d.openingCheck!.responseHeaders).toContain("retry-after");
    expect(new Set(d.onset.map((c) => c.region))).toEqual(new Set(["eu", "us"]));
    expect(d.onset.some((c) => c.ok) && d.onset.some((c) => !c.ok)).toBe(true);
    expect(d.recovery.at(-1)!.ok).toBe(true);
    expect(d.alerts.map((a) => [a.event, a.status, a.target])).toEqual([
      ["opened", "sent", "oncall@example.test"],
      ["resolved", "failed", "oncall@example.test"],
    ]);
  });

  it("is null for another workspace or a malformed id", async () => {
    expect(await getIncidentDetail(userCtx(db, other), incidentId)).toBeNull();
    expect(await getIncidentDetail(userCtx(db, ws), "nope")).toBeNull();
  });
});
