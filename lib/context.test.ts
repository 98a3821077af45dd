import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadSessionUser } from "./accounts/authenticate";
import { allows, ctxForUser, siteCtx, systemCtx, verb, type Actor } from "./context";
import { closeDb, db } from "./db/client";
import { users, waitlist } from "./db/schema";
import { ForbiddenError, NotFoundError } from "./errors";
import { startSmtpCapture } from "@/tests/smtp-capture";
import { createMonitor, deleteMonitor, getMonitorOrThrow } from "./monitors";
import { closeRedis } from "./redis/client";
import { createStatusPage } from "./status-pages/save-status-page";
import { inviteFromWaitlist } from "./waitlist/invite-from-waitlist";
import { createTestUser, ctxOf, uniqueEmail, userCtx, viewerCtx } from "../tests/factories";

let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await smtp.close();
  await closeDb();
  await closeRedis();
});

const actor = (a: Partial<Actor>): Actor => ({ kind: "user", id: "x", label: "x", role: "owner", operator: false, ...a });

describe("actor context", () => {
  it("ranks roles and keeps the operator flag apart from them", () => {
    expect(allows(actor({ role: "viewer" }), "viewer")).toBe(true);
    expect(allows(actor({ role: "viewer" }), "editor")).toBe(false);
    expect(allows(actor({ role: "editor" }), "admin")).toBe(false);
    expect(allows(actor({ role: "admin" }), "editor")).toBe(true);
    // Owning a workspace makes nobody a site operator, and the flag grants no workspace role by itself.
    expect(allows(actor({ role: "owner" }), "operator")).toBe(false);
    expect(allows(actor({ role: "viewer", operator: true }), "operator")).toBe(true);
    expect(allows(systemCtx(db, "w").actor, "operator")).toBe(true);
  });

  it("runs a verb's check before its body, and exposes what it requires", async () => {
    let ran = false;
    const touch = verb("editor", async () => {
      ran = true;
    });
    expect((touch as unknown as { requires: string }).requires).toBe("editor");
    await expect(touch(viewerCtx(db, "w"))).rejects.toBeInstanceOf(ForbiddenError);
    expect(ran).toBe(false);
    await touch(userCtx(db, "w", { role: "editor" }));
    expect(ran).toBe(true);
  });

  it("refuses a viewer an editor verb with 403, while reads work", async () => {
    const { workspaceId } = await createTestUser();
    const m = await createMonitor(userCtx(db, workspaceId), { type: "http", name: "api", url: "https://example.com/" });
    const err = await deleteMonitor(viewerCtx(db, workspaceId), m.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect(err).toMatchObject({ status: 403, code: "forbidden" });
    await expect(createStatusPage(viewerCtx(db, workspaceId), { slug: `v-${m.id.slice(0, 8)}`, title: "t", monitors: [] })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect((await getMonitorOrThrow(viewerCtx(db, workspaceId), m.id)).id).toBe(m.id);
  });

  it("keeps another workspace's ids a 404 whatever the actor's role", async () => {
    const owner = await createTestUser();
    const stranger = await createTestUser();
    const m = await createMonitor(ctxOf(db, owner), { type: "http", name: "private", url: "https://example.com/" });
    await expect(getMonitorOrThrow(ctxOf(db, stranger), m.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(deleteMonitor(systemCtx(db, stranger.workspaceId), m.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(getMonitorOrThrow(siteCtx(db), m.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it("refuses a non-operator the waitlist invite, and a demoted admin at their next request", async () => {
    const admin = await createTestUser({ isAdmin: true });
    const member = await createTestUser();
    const email = uniqueEmail("waiting");
    const [entry] = await db.insert(waitlist).values({ email }).returning();
    await expect(inviteFromWaitlist(ctxOf(db, member), entry.id, { transport: smtp.transport })).rejects.toMatchObject({ status: 403 });

    // The session edge builds ctx from the user row it loads for each request, so demotion is immediate.
    await db.update(users).set({ isAdmin: false }).where(eq(users.id, admin.user.id));
    const fresh = ctxForUser(db, (await loadSessionUser(db, admin.user.id))!);
    await expect(inviteFromWaitlist(fresh, entry.id, { transport: smtp.transport })).rejects.toBeInstanceOf(ForbiddenError);
    const [after] = await db.select().from(waitlist).where(eq(waitlist.id, entry.id));
    expect(after.invitedAt).toBeNull();

    await db.update(users).set({ isAdmin: true }).where(eq(users.id, admin.user.id));
    const promoted = ctxForUser(db, (await loadSessionUser(db, admin.user.id))!);
    expect((await inviteFromWaitlist(promoted, entry.id, { transport: smtp.transport })).invite.email).toBe(email);
  });
});
