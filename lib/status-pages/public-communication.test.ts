import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../db/client";
import { incidents, statusPages } from "../db/schema";
import { createMaintenanceWindow } from "../maintenance/save-window";
import { closeRedis } from "../redis/client";
import { insertMonitor } from "../rollups/seed";
import { createTestUser, userCtx } from "../../tests/factories";
import { addStatusPageIncidentUpdate, postStatusPageIncident } from "./incidents/post-incident";
import { loadPublicStatusPage } from "./public";
import { createStatusPage } from "./save-status-page";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

const HOUR = 3_600_000;

describe("public page: posted incidents, maintenance, automatic incidents per page", () => {
  it("shows open and recent posted incidents with rendered, inert messages, maintenance running and upcoming, and the monitor under maintenance", async () => {
    const { workspaceId } = await createTestUser();
    const ctx = userCtx(db, workspaceId);
    const api = await insertMonitor(db, { workspaceId, name: "internal-api-7" });
    const web = await insertMonitor(db, { workspaceId, name: "internal-web-3" });
    const slug = `pc-${Math.random().toString(36).slice(2, 10)}`;
    const page = await createStatusPage(ctx, {
      slug,
      title: "Acme",
      monitors: [
        { monitorId: api.id, displayName: "API" },
        { monitorId: web.id, displayName: "Website" },
      ],
    });
    await db.insert(incidents).values({ workspaceId, monitorId: web.id, cause: "HTTP 500 from https://secret.internal/" });

    const open = await postStatusPageIncident(ctx, page.id, {
      title: "Slow API",
      impact: "minor",
      message: "Looking. <img src=x onerror=alert(1)> [more](https://example.com)",
      monitorIds: [api.id],
    });
    const done = await postStatusPageIncident(ctx, page.id, { title: "Login issue", impact: "major", message: "Investigating" });
    await addStatusPageIncidentUpdate(ctx, page.id, done.id, { status: "resolved", message: "Fixed" });
    await createMaintenanceWindow(ctx, {
      title: "Database upgrade",
      monitorIds: [api.id],
      startsAt: new Date(Date.now() - 60_000).toISOString(),
      endsAt: new Date(Date.now() + HOUR).toISOString(),
    });
    await createMaintenanceWindow(ctx, {
      title: "Weekly",
      description: "Routine",
      monitorIds: [web.id],
      startsAt: new Date(Date.now() - HOUR).toISOString(),
      endsAt: new Date(Date.now() + 30 * 86_400_000).toISOString(),
      // Twelve hours away from now, so no occurrence is running during the test (at a fixed 04:00 the test failed
      // when run between 04:00 and 04:30 UTC: the running occurrence sorted first).
      recurrence: { cron: `0 ${(new Date().getUTCHours() + 12) % 24} * * *`, timezone: "UTC", durationMinutes: 30 },
    });
    await createMaintenanceWindow(ctx, {
      title: "Far away",
      monitorIds: [web.id],
      startsAt: new Date(Date.now() + 20 * 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 21 * 86_400_000).toISOString(),
    });

    const dto = (await loadPublicStatusPage(db, slug))!;
    const c = dto.communication!;
    expect(c.openIncidents.map((i) => i.title)).toEqual(["Slow API"]);
    expect(c.openIncidents[0]).toMatchObject({ id: open.id, services: ["API"], impact: "minor", status: "investigating" });
    expect(c.openIncidents[0].updates[0].html).toBe(
      '<p>Looking. &lt;img src=x onerror=alert(1)&gt; <a href="https://example.com/" rel="nofollow noopener">more</a></p>',
    );
    expect(c.recentIncidents.map((i) => [i.title, i.status, i.updates.length])).toEqual([["Login issue", "resolved", 2]]);
    expect(c.maintenance[0]).toMatchObject({ title: "Database upgrade", active: true, services: ["API"] });
    expect(c.maintenance.filter((m) => m.title === "Weekly").length).toBeGreaterThanOrEqual(3);
    expect(c.maintenance.map((m) => m.title)).not.toContain("Far away");
    expect(dto.groups[0].monitors.find((m) => m.name === "API")!.status).toBe("maintenance");
    expect(JSON.stringify(dto)).not.toMatch(/internal-api|internal-web|secret\.internal/);
    expect(dto.activeIncidents).toHaveLength(1);
    expect(dto.overall).toBe("partial");

    await db.update(statusPages).set({ showAutomaticIncidents: false }).where(eq(statusPages.id, page.id));
    const hidden = (await loadPublicStatusPage(db, slug))!;
    expect(hidden.activeIncidents).toHaveLength(0);
    expect(hidden.communication!.openIncidents).toHaveLength(1);

    // The banner follows what people posted: an open critical incident reads as a major outage.
    await postStatusPageIncident(ctx, page.id, { title: "Everything is down", impact: "critical", message: "We know." });
    expect((await loadPublicStatusPage(db, slug))!.overall).toBe("major");
  });
});
