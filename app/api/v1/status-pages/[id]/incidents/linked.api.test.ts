import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "@/lib/context";
import { createApiKey } from "@/lib/api-keys/api-keys";
import { closeDb, db } from "@/lib/db/client";
import { incidents, statusPageIncidents } from "@/lib/db/schema";
import { ForbiddenError } from "@/lib/errors";
import { closeRedis } from "@/lib/redis/client";
import { insertMonitor } from "@/lib/rollups/seed";
import { editStatusPageIncident } from "@/lib/status-pages/incidents/edit-incident";
import { listLinkableIncidents } from "@/lib/status-pages/incidents/references";
import { loadPublicStatusPage } from "@/lib/status-pages/public";
import { createStatusPage } from "@/lib/status-pages/save-status-page";
import { createTestUser, viewerCtx } from "@/tests/factories";
import { PATCH } from "./[incidentId]/route";
import { POST } from "./route";

let ws: string;
let key: string;
let otherKey: string;
let pageId: string;
let slug: string;
let otherPageId: string;
// Automatic incidents: on the page's API monitor (open, and an older resolved one), on an unlisted monitor, in another workspace.
let openAuto: string;
let resolvedAuto: string;
let unlistedAuto: string;
let foreignAuto: string;

const auto = async (workspaceId: string, monitorId: string, startedMinutesAgo: number, resolvedMinutesAgo: number | null) =>
  (
    await db
      .insert(incidents)
      .values({
        workspaceId,
        monitorId,
        status: resolvedMinutesAgo === null ? "open" : "resolved",
        cause: "GET https://internal.corp.example returned 503",
        errorClass: "status",
        statusCode: 503,
        startedAt: new Date(Date.now() - startedMinutesAgo * 60_000),
        resolvedAt: resolvedMinutesAgo === null ? null : new Date(Date.now() - resolvedMinutesAgo * 60_000),
      })
      .returning()
  )[0].id;

beforeAll(async () => {
  const a = await createTestUser();
  const b = await createTestUser();
  ws = a.workspaceId;
  key = (await createApiKey(systemCtx(db, a.workspaceId), { name: "t" })).key;
  otherKey = (await createApiKey(systemCtx(db, b.workspaceId), { name: "t" })).key;
  const api = await insertMonitor(db, { workspaceId: ws, status: "down" });
  const unlisted = await insertMonitor(db, { workspaceId: ws });
  const theirs = await insertMonitor(db, { workspaceId: b.workspaceId });
  slug = `link-${Math.random().toString(36).slice(2, 10)}`;
  pageId = (await createStatusPage(systemCtx(db, ws), { slug, title: "Acme", monitors: [{ monitorId: api.id, displayName: "API" }] })).id;
  otherPageId = (
    await createStatusPage(systemCtx(db, b.workspaceId), {
      slug: `${slug}-b`,
      title: "Theirs",
      monitors: [{ monitorId: theirs.id, displayName: "Theirs" }],
    })
  ).id;
  openAuto = await auto(ws, api.id, 30, null);
  resolvedAuto = await auto(ws, api.id, 300, 280);
  unlistedAuto = await auto(ws, unlisted.id, 20, null);
  foreignAuto = await auto(b.workspaceId, theirs.id, 20, null);
});
afterAll(async () => {
  await closeDb();
  await closeRedis();
});

const url = (path = "") => `http://vigil.test/api/v1/status-pages/${pageId}/incidents${path}`;
const req = (u: string, init: RequestInit & { bearer?: string } = {}) =>
  new Request(u, { ...init, headers: { authorization: `Bearer ${init.bearer ?? key}`, "content-type": "application/json" } });
const p = (id: string) => ({ params: Promise.resolve({ id }) });
const pu = (id: string, incidentId: string) => ({ params: Promise.resolve({ id, incidentId }) });
const post = async (body: object) => POST(req(url(), { method: "POST", body: JSON.stringify(body) }), p(pageId));
const patch = async (incidentId: string, body: object, bearer?: string, page = pageId) =>
  PATCH(req(url(`/${incidentId}`), { method: "PATCH", body: JSON.stringify(body), bearer }), pu(page, incidentId));
const stored = async (id: string) => (await db.select().from(statusPageIncidents).where(eq(statusPageIncidents.id, id)))[0];

describe("linking automatic incidents to a posted one", () => {
  it("offers the page's own automatic incidents in the editor, never an unlisted monitor's or another workspace's", async () => {
    const ids = (await listLinkableIncidents(systemCtx(db, ws), pageId)).map((i) => i.id);
    expect(ids).toEqual([openAuto, resolvedAuto]);
  });

  it("links on POST, edits and relinks on PATCH, and the public page folds linked ones under the posted incident", async () => {
    const created = await post({ title: "API errors", impact: "major", message: "Looking into it", linkedIncidentIds: [openAuto] });
    expect(created.status).toBe(201);
    const inc = await created.json();
    expect(inc.linkedIncidentIds).toEqual([openAuto]);

    let page = (await loadPublicStatusPage(db, slug))!;
    expect(page.activeIncidents).toEqual([]); // the open automatic one is told under the posted one
    expect(page.history).toHaveLength(1); // the unlinked resolved one still stands alone
    expect(page.communication!.openIncidents[0].detected).toEqual([
      { service: "API", summary: "Returning errors (HTTP 503)", startedAt: expect.any(String), resolvedAt: null },
    ]);
    expect(JSON.stringify(page)).not.toContain(openAuto); // internal ids never leave

    const res = await patch(inc.id, { title: "API errors (EU)", impact: "critical", linkedIncidentIds: [openAuto, resolvedAuto, openAuto] });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      title: "API errors (EU)",
      impact: "critical",
      linkedIncidentIds: [openAuto, resolvedAuto],
      status: "investigating",
    });
    page = (await loadPublicStatusPage(db, slug))!;
    expect(page.history).toEqual([]);
    expect(page.communication!.openIncidents[0].detected!.map((d) => d.resolvedAt === null)).toEqual([false, true]); // oldest first

    expect((await (await patch(inc.id, { linkedIncidentIds: [] })).json()).linkedIncidentIds).toEqual([]);
    page = (await loadPublicStatusPage(db, slug))!;
    expect(page.activeIncidents).toHaveLength(1);
    expect(page.history).toHaveLength(1);
  });

  it("refuses unknown, unlisted and other workspaces' incidents with field errors and changes nothing", async () => {
    const inc = await (await post({ title: "t", impact: "minor", message: "m", linkedIncidentIds: [openAuto] })).json();
    const unknown = "7b0c8a52-4a1e-4c7e-9a43-3c2d1f0e9b11";
    const res = await patch(inc.id, { title: "changed", linkedIncidentIds: [openAuto, unknown, unlistedAuto, foreignAuto] });
    expect(res.status).toBe(400);
    const fields = (await res.json()).error.fields;
    expect(Object.keys(fields).sort()).toEqual(["linkedIncidentIds.1", "linkedIncidentIds.2", "linkedIncidentIds.3"]);
    // Another workspace's incident reads exactly like one that does not exist.
    expect(fields["linkedIncidentIds.3"]).toBe(fields["linkedIncidentIds.1"]);
    expect(await stored(inc.id)).toMatchObject({ title: "t", linkedIncidentIds: [openAuto] });

    expect((await patch(inc.id, { linkedIncidentIds: ["not-a-uuid"] })).status).toBe(400);
    expect((await patch(inc.id, { status: "resolved" })).status).toBe(400); // status changes only through updates
    const before = (await db.select().from(statusPageIncidents).where(eq(statusPageIncidents.statusPageId, pageId))).length;
    const refused = await post({ title: "x", impact: "minor", message: "m", linkedIncidentIds: [foreignAuto] });
    expect(refused.status).toBe(400);
    expect((await refused.json()).error.fields).toHaveProperty(["linkedIncidentIds.0"]);
    expect((await db.select().from(statusPageIncidents).where(eq(statusPageIncidents.statusPageId, pageId))).length).toBe(before);

    // Another workspace's key: 404 for the page; an incident of another page or a bad id: 404.
    expect((await patch(inc.id, { title: "mine now" }, otherKey)).status).toBe(404);
    expect((await patch(inc.id, { title: "x" }, undefined, otherPageId)).status).toBe(404);
    expect((await patch("nope", { title: "x" })).status).toBe(404);
    expect(await stored(inc.id)).toMatchObject({ title: "t" });
  });

  it("refuses a viewer", async () => {
    const inc = await (await post({ title: "t", impact: "minor", message: "m" })).json();
    await expect(editStatusPageIncident(viewerCtx(db, ws), pageId, inc.id, { linkedIncidentIds: [openAuto] })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await stored(inc.id)).linkedIncidentIds).toEqual([]);
  });
});
