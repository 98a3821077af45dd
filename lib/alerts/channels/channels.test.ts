import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../../db/client";
import { alertChannels } from "../../db/schema";
import { ForbiddenError, NotFoundError, RateLimitedError } from "../../errors";
import { startSmtpCapture } from "@/tests/smtp-capture";
import { closeRedis } from "../../redis/client";
import { createTestUser, userCtx, viewerCtx } from "../../../tests/factories";
import { confirmEmailChannel, createAlertChannel, findEmailConfirmation, listAlertChannels, resendEmailConfirmation, updateAlertChannel } from "../channels";

let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
beforeAll(async () => {
  smtp = await startSmtpCapture();
});
afterAll(async () => {
  await smtp.close();
  await closeDb();
  await closeRedis();
});

const linkIn = (text: string) => /https?:\/\/\S+\/alerts\/confirm\/([A-Za-z0-9_-]+)/.exec(text)!;

describe("email channel confirmation", () => {
  it("a stranger's address gets a single-use link; only the token's hash is stored", async () => {
    const u = await createTestUser();
    const ctx = userCtx(db, u.workspaceId);
    const to = `stranger-${Date.now()}@example.test`;
    const channel = await createAlertChannel(ctx, { type: "email", target: to }, { transport: smtp.transport, appUrl: "https://vigil.example" });
    expect(channel.verified).toBe(false);
    const mail = await smtp.waitFor(to);
    const [url, token] = linkIn(mail.text ?? "");
    expect(url.startsWith("https://vigil.example/alerts/confirm/")).toBe(true);
    const [row] = await db.select().from(alertChannels).where(eq(alertChannels.id, channel.id));
    expect(row.verifyTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token);
    // Showing the page (GET) confirms nothing.
    expect(await findEmailConfirmation(db, token)).toMatchObject({ target: to, expired: false });
    expect((await db.select().from(alertChannels).where(eq(alertChannels.id, channel.id)))[0].verified).toBe(false);
    expect(await confirmEmailChannel(db, token)).toEqual({ target: to });
    expect((await db.select().from(alertChannels).where(eq(alertChannels.id, channel.id)))[0].verified).toBe(true);
    await expect(confirmEmailChannel(db, token)).rejects.toBeInstanceOf(NotFoundError);
    expect(await findEmailConfirmation(db, token)).toBeNull();
  });

  it("a link older than 7 days no longer works; resend issues a new one and kills the old", async () => {
    const u = await createTestUser();
    const ctx = userCtx(db, u.workspaceId);
    const to = `late-${Date.now()}@example.test`;
    const channel = await createAlertChannel(ctx, { type: "email", target: to }, { transport: smtp.transport });
    const [, first] = linkIn((await smtp.waitFor(to)).text ?? "");
    const later = new Date(Date.now() + 8 * 24 * 3600_000);
    expect((await findEmailConfirmation(db, first, later))?.expired).toBe(true);
    await expect(confirmEmailChannel(db, first, later)).rejects.toBeInstanceOf(NotFoundError);
    const before = smtp.received.length;
    expect(await resendEmailConfirmation(ctx, channel.id, { transport: smtp.transport })).toEqual({ sent: true });
    await expect.poll(() => smtp.received.length).toBeGreaterThan(before);
    // The sink keeps messages newest first.
    const [, second] = linkIn(smtp.received.filter((m) => m.to.includes(to))[0].text ?? "");
    expect(second).not.toBe(first);
    await expect(confirmEmailChannel(db, first)).rejects.toBeInstanceOf(NotFoundError);
    await confirmEmailChannel(db, second);
  });

  it("resending is rate-limited per channel", async () => {
    const u = await createTestUser();
    const ctx = userCtx(db, u.workspaceId);
    const channel = await createAlertChannel(ctx, { type: "email", target: `spam-${Date.now()}@example.test` }, { transport: smtp.transport });
    for (let i = 0; i < 3; i++) await resendEmailConfirmation(ctx, channel.id, { transport: smtp.transport });
    await expect(resendEmailConfirmation(ctx, channel.id, { transport: smtp.transport })).rejects.toBeInstanceOf(RateLimitedError);
  });

  it("a member's own address needs no confirmation, and no email is sent", async () => {
    const u = await createTestUser();
    const ctx = userCtx(db, u.workspaceId);
    const other = await (await import("../channels")).createAlertChannel(ctx, { type: "slack", target: "https://hooks.slack.com/services/a" });
    expect(other.verified).toBe(true);
    const before = smtp.received.length;
    const mine = await createAlertChannel(ctx, { type: "email", target: u.email.toUpperCase() }, { transport: smtp.transport });
    expect(mine).toMatchObject({ verified: true, verifyTokenHash: null });
    const moved = await updateAlertChannel(ctx, mine.id, { target: `elsewhere-${Date.now()}@example.test` }, { transport: smtp.transport });
    expect(moved.verified).toBe(false);
    await expect.poll(() => smtp.received.length).toBe(before + 1);
  });
});

describe("the owner's default channel", () => {
  it("survives a workspace whose first channel is added before any alert or listing", async () => {
    const u = await createTestUser();
    const ctx = userCtx(db, u.workspaceId);
    await createAlertChannel(ctx, { type: "webhook", name: "hook", target: "https://hooks.example.test/vigil" });
    const rows = await db.select().from(alertChannels).where(eq(alertChannels.workspaceId, u.workspaceId));
    expect(rows.map((r) => [r.type, r.target, r.name, r.verified]).sort()).toEqual([
      ["email", u.email, u.email, true],
      ["webhook", "https://hooks.example.test/vigil", "hook", true],
    ]);
  });
});

describe("roles", () => {
  it("a viewer reads channels but changes nothing", async () => {
    const u = await createTestUser();
    const viewer = viewerCtx(db, u.workspaceId);
    expect((await listAlertChannels(viewer)).length).toBe(1);
    await expect(createAlertChannel(viewer, { type: "slack", target: "https://hooks.slack.com/services/a" })).rejects.toBeInstanceOf(ForbiddenError);
  });
});
