import { afterAll, describe, expect, it } from "vitest";
import { count, eq, sql } from "drizzle-orm";
import { closeDb, db } from "../db/client";
import { monitors } from "../db/schema";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { closeRedis, key, kv } from "../redis/client";
import { createTestUser, userCtx, viewerCtx } from "../../tests/factories";
import { createMonitor, deleteMonitor, getMonitorOrThrow, listMonitors, countMonitorsByStatus, setPaused, toApiMonitor, updateMonitor } from ".";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

const httpInput = (name = "API") => ({ type: "http", name, url: "https://example.com/health" });

async function rowsIn(workspaceId: string): Promise<number> {
  const [r] = await db.select({ n: count() }).from(monitors).where(eq(monitors.workspaceId, workspaceId));
  return r.n;
}

async function changesFor(monitorId: string): Promise<string[]> {
  const entries = (await kv().xrange(key("monitor-changes"), "-", "+")) as Record<string, Record<string, string>>;
  return Object.values(entries)
    .filter((e) => e.monitorId === monitorId)
    .map((e) => e.kind);
}

describe("monitor verbs", () => {
  it("creates, reads, updates, pauses, resumes and deletes, announcing each change", async () => {
    const { workspaceId } = await createTestUser();
    const m = await createMonitor(userCtx(db, workspaceId), httpInput());
    expect(m).toMatchObject({ workspaceId, type: "http", status: "pending", paused: false, intervalSeconds: 60, pingToken: null });
    expect((await getMonitorOrThrow(userCtx(db, workspaceId), m.id)).id).toBe(m.id);

    const updated = await updateMonitor(userCtx(db, workspaceId), m.id, { intervalSeconds: 120, timeoutSeconds: 30, name: "API v2" });
    expect(updated).toMatchObject({ intervalSeconds: 120, timeoutSeconds: 30, name: "API v2", url: "https://example.com/health" });

    expect((await setPaused(userCtx(db, workspaceId), m.id, true)).paused).toBe(true);
    expect(toApiMonitor(await getMonitorOrThrow(userCtx(db, workspaceId), m.id)).status).toBe("paused");
    expect((await updateMonitor(userCtx(db, workspaceId), m.id, { paused: false })).paused).toBe(false);

    await deleteMonitor(userCtx(db, workspaceId), m.id);
    await expect(getMonitorOrThrow(userCtx(db, workspaceId), m.id)).rejects.toBeInstanceOf(NotFoundError);
    expect(await changesFor(m.id)).toEqual(["created", "updated", "paused", "resumed", "deleted"]);
  });

  it("re-validates the merged monitor on update and saves nothing when invalid", async () => {
    const { workspaceId } = await createTestUser();
    const m = await createMonitor(userCtx(db, workspaceId), { ...httpInput(), intervalSeconds: 60, timeoutSeconds: 30 });
    const err = await updateMonitor(userCtx(db, workspaceId), m.id, { intervalSeconds: 20 }).catch((e) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(err.fields.timeoutSeconds).toMatch(/shorter than the interval/);
    await expect(updateMonitor(userCtx(db, workspaceId), m.id, { name: "ok", url: "ftp://x" })).rejects.toBeInstanceOf(ValidationError);
    await expect(updateMonitor(userCtx(db, workspaceId), m.id, { cron: "0 3 * * *" })).rejects.toMatchObject({
      fields: { cron: "Cron is only for heartbeat monitors" },
    });
    await expect(updateMonitor(userCtx(db, workspaceId), m.id, { type: "heartbeat" })).rejects.toMatchObject({
      fields: { type: expect.stringMatching(/can't be changed/) },
    });
    await expect(updateMonitor(userCtx(db, workspaceId), m.id, { bogus: 1 })).rejects.toMatchObject({ fields: { bogus: "Unknown field" } });
    const after = await getMonitorOrThrow(userCtx(db, workspaceId), m.id);
    expect(after).toMatchObject({ name: "API", url: "https://example.com/health", intervalSeconds: 60, timeoutSeconds: 30 });
  });

  it("saves nothing on invalid create input", async () => {
    const { workspaceId } = await createTestUser();
    const before = await rowsIn(workspaceId);
    for (const bad of [
      { ...httpInput(), url: "javascript:alert(1)" },
      { ...httpInput(), intervalSeconds: 5 },
      { ...httpInput(), expectedStatus: "300-200" },
      { ...httpInput(), extra: true },
      { type: "heartbeat", name: "hb", cron: "nope" },
      { type: "heartbeat", name: "hb", cron: "0 3 * * *", timezone: "Nowhere/City" },
    ]) {
      await expect(createMonitor(userCtx(db, workspaceId), bad)).rejects.toBeInstanceOf(ValidationError);
    }
    expect(await rowsIn(workspaceId)).toBe(before);
  });

  it("gives heartbeats a server-side ping token and switches period/cron on update", async () => {
    const { workspaceId } = await createTestUser();
    const hb = await createMonitor(userCtx(db, workspaceId), { type: "heartbeat", name: "backup", periodSeconds: 3600 });
    expect(hb.pingToken).toMatch(/^[A-Za-z0-9_-]{24}$/);
    const api = toApiMonitor(hb);
    expect(api.pingUrl).toMatch(new RegExp(`/ping/${hb.pingToken}$`));
    expect(api).not.toHaveProperty("url");
    expect(api).not.toHaveProperty("intervalSeconds");

    const cron = await updateMonitor(userCtx(db, workspaceId), hb.id, { cron: "0 3 * * *", timezone: "Europe/Berlin" });
    expect(cron).toMatchObject({ cron: "0 3 * * *", timezone: "Europe/Berlin", periodSeconds: null, pingToken: hb.pingToken });
    const period = await updateMonitor(userCtx(db, workspaceId), hb.id, { periodSeconds: 600 });
    expect(period).toMatchObject({ cron: null, timezone: null, periodSeconds: 600 });
    const other = await createMonitor(userCtx(db, workspaceId), { type: "heartbeat", name: "b2", periodSeconds: 60 });
    expect(other.pingToken).not.toBe(hb.pingToken);
  });

  it("treats another workspace's monitor, and malformed ids, as not found", async () => {
    const owner = await createTestUser();
    const stranger = await createTestUser();
    const m = await createMonitor(userCtx(db, owner.workspaceId), httpInput("private"));
    for (const id of [m.id, "not-a-uuid", "00000000-0000-0000-0000-000000000000"]) {
      await expect(getMonitorOrThrow(userCtx(db, stranger.workspaceId), id)).rejects.toBeInstanceOf(NotFoundError);
      await expect(updateMonitor(userCtx(db, stranger.workspaceId), id, { name: "mine" })).rejects.toBeInstanceOf(NotFoundError);
      await expect(setPaused(userCtx(db, stranger.workspaceId), id, true)).rejects.toBeInstanceOf(NotFoundError);
      await expect(deleteMonitor(userCtx(db, stranger.workspaceId), id)).rejects.toBeInstanceOf(NotFoundError);
    }
    expect(await getMonitorOrThrow(userCtx(db, owner.workspaceId), m.id)).toMatchObject({ name: "private", paused: false });
    expect((await listMonitors(userCtx(db, stranger.workspaceId))).monitors).toEqual([]);
  });

  it("lets a viewer read but refuses every change with ForbiddenError, before touching the row", async () => {
    const { workspaceId } = await createTestUser();
    const m = await createMonitor(userCtx(db, workspaceId), httpInput("watched"));
    const viewer = viewerCtx(db, workspaceId);
    expect((await getMonitorOrThrow(viewer, m.id)).id).toBe(m.id);
    expect((await listMonitors(viewer)).monitors.map((x) => x.id)).toEqual([m.id]);
    await expect(createMonitor(viewer, httpInput("sneaky"))).rejects.toBeInstanceOf(ForbiddenError);
    await expect(updateMonitor(viewer, m.id, { name: "renamed" })).rejects.toMatchObject({ status: 403, code: "forbidden" });
    await expect(setPaused(viewer, m.id, true)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(deleteMonitor(viewer, m.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect(await getMonitorOrThrow(userCtx(db, workspaceId), m.id)).toMatchObject({ name: "watched", paused: false });
    expect(await rowsIn(workspaceId)).toBe(1);
  });

  it("lists newest first with keyset paging, filters and search", async () => {
    const { workspaceId } = await createTestUser();
    const created = [];
    for (let i = 0; i < 7; i++) created.push(await createMonitor(userCtx(db, workspaceId), httpInput(`web ${i}`)));
    const hb = await createMonitor(userCtx(db, workspaceId), { type: "heartbeat", name: "cron 100%_done", periodSeconds: 60 });
    await setPaused(userCtx(db, workspaceId), created[0].id, true);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listMonitors(userCtx(db, workspaceId), { limit: 3, cursor });
      expect(page.monitors.length).toBeLessThanOrEqual(3);
      seen.push(...page.monitors.map((m) => m.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([hb, ...created.slice().reverse()].map((m) => m.id));

    expect((await listMonitors(userCtx(db, workspaceId), { type: "heartbeat" })).monitors.map((m) => m.id)).toEqual([hb.id]);
    expect((await listMonitors(userCtx(db, workspaceId), { status: "paused" })).monitors.map((m) => m.id)).toEqual([created[0].id]);
    expect((await listMonitors(userCtx(db, workspaceId), { status: "pending" })).monitors).toHaveLength(7);
    expect((await listMonitors(userCtx(db, workspaceId), { q: "WEB 3" })).monitors.map((m) => m.name)).toEqual(["web 3"]);
    // LIKE wildcards in the search are literal.
    expect((await listMonitors(userCtx(db, workspaceId), { q: "100%_" })).monitors.map((m) => m.id)).toEqual([hb.id]);
    expect((await listMonitors(userCtx(db, workspaceId), { q: "%" })).monitors.map((m) => m.id)).toEqual([hb.id]);
    expect(await countMonitorsByStatus(userCtx(db, workspaceId))).toEqual({ up: 0, down: 0, pending: 7, paused: 1, total: 8 });

    await expect(listMonitors(userCtx(db, workspaceId), { cursor: "garbage" })).rejects.toMatchObject({ fields: { cursor: expect.any(String) } });
    await expect(listMonitors(userCtx(db, workspaceId), { limit: "1000" })).rejects.toMatchObject({ fields: { limit: "Limit must be at most 100" } });
    await expect(listMonitors(userCtx(db, workspaceId), { status: "sideways" } as never)).rejects.toBeInstanceOf(ValidationError);
  });
});

describe("monitor list at scale", () => {
  it("stays one fast query per page with 10,000 monitors in a workspace", async () => {
    const { workspaceId } = await createTestUser();
    await db.execute(sql`
      insert into monitors (workspace_id, name, type, url, created_at)
      select ${workspaceId}::uuid, 'bulk ' || g, 'http', 'https://example.com/' || g, now() - (g || ' seconds')::interval
      from generate_series(1, 10000) g`);
    await db.execute(sql`analyze monitors`);
    const timed = async <T>(fn: () => Promise<T>) => {
      const t0 = performance.now();
      const out = await fn();
      return { out, ms: performance.now() - t0 };
    };
    const first = await timed(() => listMonitors(userCtx(db, workspaceId), { limit: 50 }));
    expect(first.out.monitors[0].name).toBe("bulk 1");
    let cursor = first.out.nextCursor!;
    for (let i = 0; i < 100; i++) cursor = (await listMonitors(userCtx(db, workspaceId), { limit: 50, cursor })).nextCursor!;
    const deep = await timed(() => listMonitors(userCtx(db, workspaceId), { limit: 50, cursor }));
    expect(deep.out.monitors[0].name).toBe("bulk 5051");
    const search = await timed(() => listMonitors(userCtx(db, workspaceId), { q: "bulk 999", status: "pending" }));
    expect(search.out.monitors.map((m) => m.name).sort()).toEqual(
      ["bulk 999", "bulk 9990", "bulk 9991", "bulk 9992", "bulk 9993", "bulk 9994", "bulk 9995", "bulk 9996", "bulk 9997", "bulk 9998", "bulk 9999"].sort(),
    );
    const counts = await timed(() => countMonitorsByStatus(userCtx(db, workspaceId)));
    expect(counts.out.total).toBe(10_000);
    // Generous bounds for a shared 2-core box; a regression to N+1 or offset scans would blow past them.
    if (process.env.BENCH_VERBOSE) console.log({ first: first.ms, deep: deep.ms, search: search.ms, counts: counts.ms });
    for (const t of [first, deep, search, counts]) expect(t.ms).toBeLessThan(300);
  });
});
