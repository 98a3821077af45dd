import { createHash } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../accounts/authenticate";
import { createUser } from "../accounts/create-user";
import { closeDb, db } from "../db/client";
import { siteCtx } from "../context";
import { invites, users } from "../db/schema";
import { env } from "../env";
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { closeRedis } from "../redis/client";
import { createTestUser, uniqueEmail, ctxOf } from "../../tests/factories";
import { createInvite } from "./create-invite";
import { listInvites } from "./list-invites";
import { lookupInvite, redeemInvite } from "./redeem-invite";
import { revokeInvite } from "./revoke-invite";
import { startSmtpCapture, unreachableTransport } from "@/tests/smtp-capture";
import { INVITE_MESSAGES, INVITE_TTL_MS, newInviteToken } from "./token";

let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let admin: Awaited<ReturnType<typeof createTestUser>>;
let member: Awaited<ReturnType<typeof createTestUser>>;
const PASSWORD = "invitee password 1";

beforeAll(async () => {
  smtp = await startSmtpCapture();
  admin = await createTestUser({ isAdmin: true });
  member = await createTestUser();
});

afterAll(async () => {
  await smtp.close();
  await closeDb();
  await closeRedis();
});

async function makeInvite(email = uniqueEmail("invitee"), now?: Date) {
  return { email, ...(await createInvite(ctxOf(db, admin), email, { transport: smtp.transport, now })) };
}

const usersWithEmail = async (email: string) => (await db.select().from(users).where(eq(users.email, email))).length;
const inviteRow = async (id: string) => (await db.select().from(invites).where(eq(invites.id, id)))[0];

describe("createInvite", () => {
  it("stores only the token's sha256, expires in 7 days and emails the sign-up link", async () => {
    const { email, invite, token, url, mailError } = await makeInvite(uniqueEmail("Mixed.Case"));
    expect(mailError).toBeUndefined();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url).toBe(`${env.APP_URL}/sign-up?token=${token}`);
    expect(invite.email).toBe(email.toLowerCase());
    expect(invite.tokenHash).toBe(createHash("sha256").update(token).digest("hex"));
    const [raw] = await db.execute<Record<string, unknown>>(sql`select * from invites where id = ${invite.id}`);
    expect(JSON.stringify(raw)).not.toContain(token);
    expect(invite.expiresAt.getTime() - invite.createdAt.getTime()).toBe(7 * 24 * 3600 * 1000);
    expect(invite.invitedBy).toBe(admin.user.id);

    const mail = await smtp.waitFor(email.toLowerCase());
    expect(mail.subject).toMatch(/invited/i);
    expect(mail.text).toContain(url);
    expect(mail.html).toContain(`href="${url}"`);
  });

  it("refuses non-admins, with nothing stored", async () => {
    const email = uniqueEmail("sneaky");
    await expect(createInvite(ctxOf(db, member), email, { transport: smtp.transport })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await db.select().from(invites).where(eq(invites.email, email))).toHaveLength(0);
  });

  it("rejects an invalid email and an address that already has an account", async () => {
    const bad = await createInvite(ctxOf(db, admin), "not an email", { transport: smtp.transport }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(ValidationError);
    expect((bad as ValidationError).fields?.email).toMatch(/valid email/);
    await expect(createInvite(ctxOf(db, admin), member.email, { transport: smtp.transport })).rejects.toBeInstanceOf(ConflictError);
  });

  it("keeps the invite and reports the mail error when SMTP is unreachable (operator CLI: invitedBy null)", async () => {
    const email = uniqueEmail("offline");
    const created = await createInvite(siteCtx(db), email, { transport: await unreachableTransport() });
    expect(created.mailError).toMatch(/ECONNREFUSED|connect/i);
    expect((await lookupInvite(db, created.token)).status).toBe("pending");
  });
});

describe("redeemInvite", () => {
  it("creates the account for the invited email and uses the invite up", async () => {
    const { email, token, invite: inv } = await makeInvite();
    const { user, workspaceId } = await redeemInvite(db, { token, email: email.toUpperCase(), password: PASSWORD, name: "Ada" });
    expect(user.email).toBe(email);
    expect(user.isAdmin).toBe(false);
    expect((await authenticate(db, email, PASSWORD))?.workspaceId).toBe(workspaceId);
    const row = await inviteRow(inv.id);
    expect(row.usedAt).toBeInstanceOf(Date);
    expect(row.usedBy).toBe(user.id);
    expect((await lookupInvite(db, token)).status).toBe("used");
  });

  it("is single use: a second sign-up with the link is refused", async () => {
    const { email, token } = await makeInvite();
    await redeemInvite(db, { token, email, password: PASSWORD });
    const err = await redeemInvite(db, { token, email, password: "another password" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as Error).message).toBe(INVITE_MESSAGES.used);
    expect(await usersWithEmail(email)).toBe(1);
  });

  it("creates exactly one account when several sign-ups race on one invite", async () => {
    const { email, token } = await makeInvite();
    const results = await Promise.allSettled(Array.from({ length: 5 }, (_, i) => redeemInvite(db, { token, email, password: `${PASSWORD}-${i}` })));
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(4);
    // The losers lose on the invite (conditional update), not on the users' unique email index.
    for (const f of failed) expect(f.reason).toBeInstanceOf(ConflictError);
    for (const f of failed) expect((f.reason as Error).message).toBe(INVITE_MESSAGES.used);
    expect(await usersWithEmail(email)).toBe(1);
  });

  it("refuses a different email than the invite's, and leaves the invite usable", async () => {
    const { email, token } = await makeInvite();
    const other = uniqueEmail("other");
    const err = await redeemInvite(db, { token, email: other, password: PASSWORD }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as ValidationError).fields?.email).toBe(INVITE_MESSAGES.wrongEmail);
    expect(await usersWithEmail(other)).toBe(0);
    expect((await lookupInvite(db, token)).status).toBe("pending");
    await redeemInvite(db, { token, email, password: PASSWORD });
  });

  it("refuses a revoked invite", async () => {
    const { email, token, invite: inv } = await makeInvite();
    await revokeInvite(ctxOf(db, admin), inv.id);
    await expect(redeemInvite(db, { token, email, password: PASSWORD })).rejects.toThrow(INVITE_MESSAGES.revoked);
    expect(await usersWithEmail(email)).toBe(0);
    expect((await lookupInvite(db, token)).status).toBe("revoked");
  });

  it("expires 7 days after creation", async () => {
    const minute = 60_000;
    const stale = await makeInvite(undefined, new Date(Date.now() - INVITE_TTL_MS - minute));
    const err = await redeemInvite(db, { token: stale.token, email: stale.email, password: PASSWORD }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toBe(INVITE_MESSAGES.expired);
    expect(await usersWithEmail(stale.email)).toBe(0);
    expect((await lookupInvite(db, stale.token)).status).toBe("expired");

    const fresh = await makeInvite(undefined, new Date(Date.now() - INVITE_TTL_MS + 10 * minute));
    await redeemInvite(db, { token: fresh.token, email: fresh.email, password: PASSWORD });
    expect(await usersWithEmail(fresh.email)).toBe(1);
  });

  it("refuses unknown and malformed tokens", async () => {
    for (const token of [newInviteToken(), "short", "", null, "x".repeat(43) + "'; drop table users; --"]) {
      const err = await redeemInvite(db, { token, email: uniqueEmail(), password: PASSWORD }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(ValidationError);
      expect((err as Error).message).toBe(INVITE_MESSAGES.unknown);
      expect((await lookupInvite(db, token)).status).toBe("unknown");
    }
  });

  it("reports a duplicate email clearly and leaves the invite unused", async () => {
    const { email, token } = await makeInvite();
    await createUser(db, { email, password: "someone else's password" });
    const err = await redeemInvite(db, { token, email, password: PASSWORD }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConflictError);
    expect((err as ConflictError).fields?.email).toMatch(/already exists/);
    expect((await lookupInvite(db, token)).status).toBe("pending");
    expect(await usersWithEmail(email)).toBe(1);
  });

  it("validates the password and keeps names verbatim", async () => {
    const { email, token } = await makeInvite();
    const err = await redeemInvite(db, { token, email, password: "short" }).catch((e: unknown) => e);
    expect((err as ValidationError).fields?.password).toMatch(/at least 8/);
    expect((await lookupInvite(db, token)).status).toBe("pending");
    const name = `<script>alert("x")</script> Robert'); DROP TABLE users;--`;
    const { user } = await redeemInvite(db, { token, email, password: PASSWORD, name });
    expect(user.name).toBe(name);
  });
});

describe("listInvites and revokeInvite", () => {
  it("lists invites with their status, without token hashes, for admins only", async () => {
    const pending = await makeInvite();
    const used = await makeInvite();
    await redeemInvite(db, { token: used.token, email: used.email, password: PASSWORD });
    const revoked = await makeInvite();
    await revokeInvite(ctxOf(db, admin), revoked.invite.id);
    const expired = await makeInvite(undefined, new Date(Date.now() - INVITE_TTL_MS - 1000));

    const rows = await listInvites(ctxOf(db, admin));
    const status = (id: string) => rows.find((r) => r.id === id)?.status;
    expect(status(pending.invite.id)).toBe("pending");
    expect(status(used.invite.id)).toBe("used");
    expect(status(revoked.invite.id)).toBe("revoked");
    expect(status(expired.invite.id)).toBe("expired");
    expect(rows.every((r) => !("tokenHash" in r))).toBe(true);
    await expect(listInvites(ctxOf(db, member))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("revokes for admins only; unknown ids are NotFound; used invites cannot be revoked; twice is fine", async () => {
    const { invite: inv } = await makeInvite();
    await expect(revokeInvite(ctxOf(db, member), inv.id)).rejects.toBeInstanceOf(ForbiddenError);
    expect((await inviteRow(inv.id)).revokedAt).toBeNull();
    await revokeInvite(ctxOf(db, admin), inv.id);
    await revokeInvite(ctxOf(db, admin), inv.id);
    expect((await inviteRow(inv.id)).revokedAt).toBeInstanceOf(Date);

    await expect(revokeInvite(ctxOf(db, admin), "00000000-0000-4000-8000-000000000000")).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeInvite(ctxOf(db, admin), "not-a-uuid")).rejects.toBeInstanceOf(NotFoundError);

    const used = await makeInvite();
    await redeemInvite(db, { token: used.token, email: used.email, password: PASSWORD });
    await expect(revokeInvite(ctxOf(db, admin), used.invite.id)).rejects.toBeInstanceOf(ConflictError);
  });
});
