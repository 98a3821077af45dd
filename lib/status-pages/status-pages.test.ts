import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db/client";
import { incidents } from "@/lib/db/schema";
import { ConflictError, NotFoundError, ValidationError } from "@/lib/errors";
import { closeRedis } from "@/lib/redis/client";
import { insertMonitor } from "@/lib/rollups/seed";
import { createTestUser, userCtx } from "@/tests/factories";
import { uptimeBadgeSvg } from "./badge";
import { getPublicStatusPage, invalidatePublicStatusPage, statusCacheStats } from "./cache";
import { getStatusPage, listStatusPages } from "./get-status-page";
import { takePublicToken } from "./ip-limit";
import { loadPublicStatusPage } from "./public";
import { createStatusPage, deleteStatusPage, updateStatusPage } from "./save-status-page";

const slug = (p: string) => `${p}-${Math.random().toString(36).slice(2, 8)}`;
let ws: string;
let otherWs: string;
let api: { id: string };
let web: { id: string };
let secret: { id: string };
let foreign: { id: string };

beforeAll(async () => {
  ws = (await createTestUser()).workspaceId;
  otherWs = (await createTestUser()).workspaceId;
  api = await insertMonitor(db, { workspaceId: ws, name: "prod-api-internal-7", url: "https://internal-api.corp.example/health", status: "down" });
  web = await insertMonitor(db, { workspaceId: ws, name: "www", url: "https://www.example.test/", status: "up" });
  secret = await insertMonitor(db, { workspaceId: ws, name: "unlisted-billing-db", url: "https://billing.corp.example/", status: "up" });
  foreign = await insertMonitor(db, { workspaceId: otherWs, name: "theirs" });
  await db.insert(incidents).values([
    {
      workspaceId: ws,
      monitorId: api.id,
      status: "open",
      cause: "GET https://internal-api.corp.example/health returned 503",
      errorClass: "status",
      statusCode: 503,
      startedAt: new Date(Date.now() - 3_600_000),
    },
    {
      workspaceId: ws,
      monitorId: web.id,
      status: "resolved",
      cause: "timeout to www.example.test",
      errorClass: "timeout",
      startedAt: new Date(Date.now() - 3 * 86_400_000),
      resolvedAt: new Date(Date.now() - 3 * 86_400_000 + 600_000),
    },
    {
      workspaceId: ws,
      monitorId: secret.id,
      status: "resolved",
      cause: "billing down",
      errorClass: "timeout",
      startedAt: new Date(Date.now() - 86_400_000),
      resolvedAt: new Date(Date.now() - 86_000_000),
    },
  ]);
});
afterAll(async () => {
  await closeDb();
  await closeRedis();
});

describe("status page verbs", () => {
  it("creates, reads, lists, updates (order, groups) and deletes within the workspace", async () => {
    const s = slug("acme");
    const page = await createStatusPage(userCtx(db, ws), {
      slug: s,
      title: "Acme status",
      description: "Our services",
      monitors: [
        { monitorId: web.id, displayName: "Website" },
        { monitorId: api.id, displayName: "API", groupName: "Backend" },
      ],
    });
    expect(page).toMatchObject({
      slug: s,
      title: "Acme status",
      monitors: [
        { monitorId: web.id, displayName: "Website", groupName: null },
        { monitorId: api.id, displayName: "API", groupName: "Backend" },
      ],
    });
    expect((await getStatusPage(userCtx(db, ws), page.id)).id).toBe(page.id);
    expect((await listStatusPages(userCtx(db, ws))).map((p) => p.id)).toContain(page.id);
    expect((await listStatusPages(userCtx(db, otherWs))).map((p) => p.id)).not.toContain(page.id);

    const updated = await updateStatusPage(userCtx(db, ws), page.id, {
      title: "Acme",
      monitors: [
        { monitorId: api.id, displayName: "Public API" },
        { monitorId: web.id, displayName: "Website" },
      ],
    });
    expect(updated.title).toBe("Acme");
    expect(updated.monitors.map((m) => m.displayName)).toEqual(["Public API", "Website"]);
    await deleteStatusPage(userCtx(db, ws), page.id);
    await expect(getStatusPage(userCtx(db, ws), page.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("is NotFound from another workspace and for malformed ids", async () => {
    const page = await createStatusPage(userCtx(db, ws), { slug: slug("mine"), title: "Mine" });
    await expect(getStatusPage(userCtx(db, otherWs), page.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(updateStatusPage(userCtx(db, otherWs), page.id, { title: "x" })).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteStatusPage(userCtx(db, otherWs), page.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getStatusPage(userCtx(db, ws), "nope")).rejects.toBeInstanceOf(NotFoundError);
    expect((await getStatusPage(userCtx(db, ws), page.id)).title).toBe("Mine");
  });

  it("rejects a taken slug with a conflict on the slug field, on create and on update", async () => {
    const s = slug("taken");
    await createStatusPage(userCtx(db, ws), { slug: s, title: "One" });
    const err = await createStatusPage(userCtx(db, otherWs), { slug: s, title: "Two" }).catch((e) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect(err.fields.slug).toBeTruthy();
    const other = await createStatusPage(userCtx(db, ws), { slug: slug("other"), title: "Other" });
    await expect(updateStatusPage(userCtx(db, ws), other.id, { slug: s })).rejects.toBeInstanceOf(ConflictError);
  });

  it("validates slug, title, display names and unknown fields", async () => {
    for (const bad of ["ab", "Acme", "-acme", "acme-", "ac--me", "a".repeat(61), "acme_1"]) {
      const err = await createStatusPage(userCtx(db, ws), { slug: bad, title: "t" }).catch((e) => e);
      expect(err, bad).toBeInstanceOf(ValidationError);
      expect(err.fields.slug, bad).toBeTruthy();
    }
    const err = await createStatusPage(userCtx(db, ws), { slug: slug("ok"), title: "", monitors: [{ monitorId: web.id, displayName: " " }], extra: 1 }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(ValidationError);
    expect(Object.keys(err.fields)).toEqual(expect.arrayContaining(["title", "monitors.0.displayName"]));
    const dup = await createStatusPage(userCtx(db, ws), {
      slug: slug("dup"),
      title: "t",
      monitors: [
        { monitorId: web.id, displayName: "a" },
        { monitorId: web.id, displayName: "b" },
      ],
    }).catch((e) => e);
    expect(dup.fields["monitors.1.monitorId"]).toMatch(/twice/);
  });

  it("rejects another workspace's monitor with a field error, and writes nothing", async () => {
    const s = slug("foreign");
    const err = await createStatusPage(userCtx(db, ws), {
      slug: s,
      title: "t",
      monitors: [
        { monitorId: web.id, displayName: "ok" },
        { monitorId: foreign.id, displayName: "theirs" },
      ],
    }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields["monitors.1.monitorId"]).toBeTruthy();
    expect((await listStatusPages(userCtx(db, ws))).some((p) => p.slug === s)).toBe(false);
  });
});

describe("public status page DTO", () => {
  it("contains only what the page lists: display names, no URLs, headers, internal names, causes or other monitors", async () => {
    const s = slug("public");
    await createStatusPage(userCtx(db, ws), {
      slug: s,
      title: "Acme",
      monitors: [
        { monitorId: api.id, displayName: "API", groupName: "Core" },
        { monitorId: web.id, displayName: "Website", groupName: "Core" },
      ],
    });
    const dto = await loadPublicStatusPage(db, s);
    expect(dto).not.toBeNull();
    const json = JSON.stringify(dto);
    for (const leak of [
      "internal-api.corp.example",
      "https://",
      "prod-api-internal-7",
      "unlisted-billing-db",
      "billing",
      secret.id,
      foreign.id,
      "returned 503",
      ws,
    ]) {
      expect(json, leak).not.toContain(leak);
    }
    expect(dto!.groups).toEqual([
      {
        name: "Core",
        monitors: [expect.objectContaining({ name: "API", status: "outage" }), expect.objectContaining({ name: "Website", status: "operational" })],
      },
    ]);
    expect(dto!.overall).toBe("partial");
    expect(dto!.activeIncidents).toEqual([
      expect.objectContaining({ monitor: "API", summary: "Returning errors (HTTP 503)", resolvedAt: null, endedBy: null }),
    ]);
    expect(dto!.history).toEqual([expect.objectContaining({ monitor: "Website", summary: "Not responding (timeouts)", endedBy: "recovery" })]);
    expect(dto!.groups[0].monitors[0].bars).toHaveLength(90);
    expect(Object.keys(dto!.groups[0].monitors[0]).sort()).toEqual(["bars", "id", "name", "status", "uptime90d"]);
    expect(await loadPublicStatusPage(db, slug("missing"))).toBeNull();
  });

  it("is served from the cache after the first build, and rebuilt after an edit", async () => {
    const s = slug("cached");
    const page = await createStatusPage(userCtx(db, ws), { slug: s, title: "Cached", monitors: [{ monitorId: web.id, displayName: "Website" }] });
    const first = await getPublicStatusPage(s);
    const builds = statusCacheStats.builds;
    for (let i = 0; i < 50; i++) expect(await getPublicStatusPage(s)).toEqual(first);
    expect(statusCacheStats.builds).toBe(builds);
    await updateStatusPage(userCtx(db, ws), page.id, { title: "Renamed" });
    expect((await getPublicStatusPage(s))?.title).toBe("Renamed");
    await invalidatePublicStatusPage(s);
  });
});

describe("badge and per-IP limit", () => {
  it("renders an escaped SVG badge", () => {
    const svg = uptimeBadgeSvg("A<b>", 99.5);
    expect(svg).toContain("A&lt;b&gt;");
    expect(svg).toContain("99.50%");
  });
  it("limits one IP to its budget per minute and refills over time", () => {
    const ip = `ip-${Math.random()}`;
    const t = 1_000_000;
    for (let i = 0; i < 5; i++) expect(takePublicToken(ip, 5, t)).toBe(0);
    expect(takePublicToken(ip, 5, t)).toBeGreaterThan(0);
    expect(takePublicToken(ip, 5, t + 12_000)).toBe(0);
    expect(takePublicToken(`${ip}-other`, 5, t)).toBe(0);
  });
});
