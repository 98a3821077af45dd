import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../db/client";
import { waitlist } from "../db/schema";
import { ForbiddenError, NotFoundError, RateLimitedError, ValidationError } from "../errors";
import { lookupInvite } from "../invites/redeem-invite";
import { startSmtpCapture } from "@/tests/smtp-capture";
import { closeRedis, ioredis, key, kv } from "../redis/client";
import { createTestUser, uniqueEmail, ctxOf } from "../../tests/factories";
import { inviteFromWaitlist } from "./invite-from-waitlist";
import { joinWaitlist, WAITLIST_LIMITS } from "./join-waitlist";
import { listWaitlist } from "./list-waitlist";

let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;
let admin: Awaited<ReturnType<typeof createTestUser>>;
let member: Awaited<ReturnType<typeof createTestUser>>;

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

/** Each test its own client address, so rate-limit buckets never leak between tests. */
const ip = () => `203.0.113.${randomBytes(2).readUInt16BE() % 250}-${randomBytes(3).toString("hex")}`;
const rowsFor = (email: string) => db.select().from(waitlist).where(eq(waitlist.email, email));

describe("joinWaitlist", () => {
  it("stores the request, names and notes verbatim", async () => {
    const email = uniqueEmail("visitor");
    const name = `<script>alert("hi")</script>`;
    const note = `'); DROP TABLE waitlist; -- we run 40 cron jobs`;
    expect(await joinWaitlist(db, kv(), { email: email.toUpperCase(), name, note, ip: ip() })).toEqual({ created: true });
    const [row] = await rowsFor(email);
    expect(row).toMatchObject({ email, name, note, invitedAt: null });
  });

  it("is idempotent per email: joining again succeeds, keeps one row and the first details", async () => {
    const email = uniqueEmail("twice");
    await joinWaitlist(db, kv(), { email, name: "First", ip: ip() });
    expect(await joinWaitlist(db, kv(), { email: `  ${email.toUpperCase()} `, name: "Second", note: "again", ip: ip() })).toEqual({ created: false });
    const rows = await rowsFor(email);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ name: "First", note: null });
  });

  it("treats blank optional fields as absent and rejects bad input with field messages", async () => {
    const email = uniqueEmail("blank");
    await joinWaitlist(db, kv(), { email, name: "   ", note: "", ip: ip() });
    expect((await rowsFor(email))[0]).toMatchObject({ name: null, note: null });

    const err = await joinWaitlist(db, kv(), { email: "not-an-email", name: "x".repeat(101), note: "y".repeat(1001), ip: ip() }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect(Object.keys((err as ValidationError).fields ?? {}).sort()).toEqual(["email", "name", "note"]);
  });

  it("rate limits per email", async () => {
    const email = uniqueEmail("spam");
    const limits = { ...WAITLIST_LIMITS, perEmail: { limit: 2, windowSeconds: 60 } };
    await joinWaitlist(db, kv(), { email, ip: ip() }, limits);
    await joinWaitlist(db, kv(), { email, ip: ip() }, limits);
    const err = await joinWaitlist(db, kv(), { email, ip: ip() }, limits).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RateLimitedError);
    expect((err as RateLimitedError).status).toBe(429);
    expect((err as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0);
  });

  it("rate limits per IP with the default limits, storing nothing once limited", async () => {
    const addr = ip();
    for (let i = 0; i < WAITLIST_LIMITS.perIp.limit; i++) await joinWaitlist(db, kv(), { email: uniqueEmail("bot"), ip: addr });
    const email = uniqueEmail("bot-over");
    await expect(joinWaitlist(db, kv(), { email, ip: addr })).rejects.toBeInstanceOf(RateLimitedError);
    expect(await rowsFor(email)).toHaveLength(0);
    // Someone else is not affected.
    await joinWaitlist(db, kv(), { email, ip: ip() });
  });
});

describe("joinWaitlist input sizes", () => {
  const waitlistKeys = async () => (await ioredis().keys(key("rl", "waitlist", "*"))).sort();

  it("refuses oversized fields before they reach Redis or Postgres", async () => {
    const before = await waitlistKeys();
    const huge = "a".repeat(4 * 1024 * 1024);
    const cases = [
      { email: `${huge}@example.test` },
      { email: `${" ".repeat(1_000_000)}${uniqueEmail("pad")}` },
      { email: uniqueEmail("big-name"), name: huge },
      { email: uniqueEmail("big-note"), note: huge },
    ];
    for (const c of cases) await expect(joinWaitlist(db, kv(), { ...c, ip: ip() })).rejects.toBeInstanceOf(ValidationError);
    expect(await waitlistKeys()).toEqual(before);
    for (const c of cases.slice(2)) expect(await rowsFor(c.email)).toHaveLength(0);
  });

  it("keeps rate-limit keys short whatever the client address or email", async () => {
    const before = new Set(await waitlistKeys());
    await joinWaitlist(db, kv(), { email: `${"x".repeat(240)}@example.test`, ip: "9".repeat(10_000) });
    const added = (await waitlistKeys()).filter((k) => !before.has(k));
    expect(added).toHaveLength(2);
    for (const k of added) expect(k.length).toBeLessThan(key("rl", "waitlist", "email").length + 40);
  });
});

describe("admin verbs", () => {
  it("lists the waitlist for admins only", async () => {
    const email = uniqueEmail("listed");
    await joinWaitlist(db, kv(), { email, name: "Listed", ip: ip() });
    const rows = await listWaitlist(ctxOf(db, admin));
    expect(rows.find((r) => r.email === email)).toMatchObject({ name: "Listed" });
    await expect(listWaitlist(ctxOf(db, member))).rejects.toBeInstanceOf(ForbiddenError);
  });

  it("invites from the waitlist: sends the email and marks the entry invited", async () => {
    const email = uniqueEmail("chosen");
    await joinWaitlist(db, kv(), { email, ip: ip() });
    const [entry] = await rowsFor(email);
    const { token, url, invite } = await inviteFromWaitlist(ctxOf(db, admin), entry.id, { transport: smtp.transport });
    expect(invite.email).toBe(email);
    expect((await smtp.waitFor(email)).text).toContain(url);
    expect((await rowsFor(email))[0].invitedAt).toBeInstanceOf(Date);
    expect(await lookupInvite(db, token)).toMatchObject({ status: "pending", email });
  });

  it("refuses non-admins and unknown entries", async () => {
    const email = uniqueEmail("not-chosen");
    await joinWaitlist(db, kv(), { email, ip: ip() });
    const [entry] = await rowsFor(email);
    await expect(inviteFromWaitlist(ctxOf(db, member), entry.id, { transport: smtp.transport })).rejects.toBeInstanceOf(ForbiddenError);
    expect((await rowsFor(email))[0].invitedAt).toBeNull();
    await expect(inviteFromWaitlist(ctxOf(db, admin), "00000000-0000-4000-8000-000000000000", { transport: smtp.transport })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    await expect(inviteFromWaitlist(ctxOf(db, admin), "../etc", { transport: smtp.transport })).rejects.toBeInstanceOf(NotFoundError);
  });
});
