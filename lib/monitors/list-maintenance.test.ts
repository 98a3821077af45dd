import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db/client";
import { ValidationError } from "@/lib/errors";
import { insertMonitor } from "@/lib/rollups/seed";
import { createTestUser, userCtx, viewerCtx } from "@/tests/factories";
import { listMonitors } from "./list-monitors";

const MIN = 60_000;
const at = (minutes: number) => new Date(Date.now() + minutes * MIN);
let ws: string;
let other: string;
let inside: string;
let pausedInside: string;

beforeAll(async () => {
  ws = (await createTestUser()).workspaceId;
  other = (await createTestUser()).workspaceId;
  inside = (await insertMonitor(db, { workspaceId: ws, maintenanceStartsAt: at(-10), maintenanceEndsAt: at(50) })).id;
  pausedInside = (await insertMonitor(db, { workspaceId: ws, paused: true, maintenanceStartsAt: at(-1), maintenanceEndsAt: at(1) })).id;
  await insertMonitor(db, { workspaceId: ws, maintenanceStartsAt: at(30), maintenanceEndsAt: at(90) }); // upcoming
  await insertMonitor(db, { workspaceId: ws, maintenanceStartsAt: at(-90), maintenanceEndsAt: at(-30) }); // over
  await insertMonitor(db, { workspaceId: ws }); // none
  await insertMonitor(db, { workspaceId: other, maintenanceStartsAt: at(-10), maintenanceEndsAt: at(50) }); // another workspace
});
afterAll(closeDb);

describe("listMonitors({ status: 'maintenance' })", () => {
  it("lists this workspace's monitors whose maintenance span covers now, and no others", async () => {
    const got = await listMonitors(viewerCtx(db, ws), { status: "maintenance" });
    expect(got.monitors.map((m) => m.id).sort()).toEqual([inside, pausedInside].sort());
    expect((await listMonitors(userCtx(db, ws))).monitors).toHaveLength(5);
  });

  it("still refuses an unknown status, naming maintenance among the choices", async () => {
    const err = await listMonitors(userCtx(db, ws), { status: "sideways" } as never).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields.status).toContain("maintenance");
  });
});
