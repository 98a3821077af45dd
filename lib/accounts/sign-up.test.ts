import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../db/client";
import { ValidationError } from "../errors";
import { createInvite } from "../invites/create-invite";
import { lookupInvite } from "../invites/redeem-invite";
import { startSmtpCapture } from "@/tests/smtp-capture";
import { createTestUser, uniqueEmail, ctxOf } from "../../tests/factories";
import { eq } from "drizzle-orm";
import { users } from "../db/schema";
import { RateLimitedError } from "../errors";
import { closeRedis, ioredis, key, kv } from "../redis/client";
import { INVITE_REQUIRED, signUp, signUpFromForm } from "./sign-up";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

describe("signUp", () => {
  it("needs an invite in invite mode", async () => {
    const email = uniqueEmail();
    const err = await signUp(db, { email, password: "long enough password" }, "invite").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ValidationError);
    expect((err as Error).message).toBe(INVITE_REQUIRED);
  });

  it("lets anyone sign up in open mode, validating input", async () => {
    const email = uniqueEmail("open");
    const { user } = await signUp(db, { email, password: "long enough password", name: "" }, "open");
    expect(user.email).toBe(email);
    expect(user.name).toBeNull();
    const err = await signUp(db, { email: "nope", password: "x" }, "open").catch((e: unknown) => e);
    expect(Object.keys((err as ValidationError).fields ?? {}).sort()).toEqual(["email", "password"]);
  });

  it("still uses up an invite link given in open mode", async () => {
    const smtp = await startSmtpCapture();
    try {
      const admin = await createTestUser({ isAdmin: true });
      const email = uniqueEmail("open-invite");
      const { token } = await createInvite(ctxOf(db, admin), email, { transport: smtp.transport });
      await signUp(db, { token, email, password: "long enough password" }, "open");
      expect((await lookupInvite(db, token)).status).toBe("used");
    } finally {
      await smtp.close();
    }
  });
});

describe("signUpFromForm (sizes, then the per-address limit)", () => {
  const signUpKeys = async () => (await ioredis().keys(key("rl", "signup", "*"))).sort();
  const ip = () => `198.51.100.${Math.floor(Math.random() * 250)}-${Math.random().toString(36).slice(2)}`;

  it("refuses oversized input with field messages, leaving no Redis key and no row", async () => {
    const before = await signUpKeys();
    const huge = "a".repeat(4 * 1024 * 1024);
    const email = uniqueEmail("big");
    const cases = [
      { email: `${huge}@example.test`, password: "long enough password" },
      { email, password: huge },
      { email, password: "é".repeat(600) },
      { email, password: "long enough password", name: huge },
      { email, password: "long enough password", token: huge },
    ];
    for (const c of cases) await expect(signUpFromForm(db, kv(), { ...c, ip: ip() }, "open")).rejects.toBeInstanceOf(ValidationError);
    expect(await signUpKeys()).toEqual(before);
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(0);
  });

  it("signs up within the limits and is rate limited per address, keys short", async () => {
    const addr = "7".repeat(5000);
    const limit = { limit: 2, windowSeconds: 60 };
    const first = uniqueEmail("form");
    expect((await signUpFromForm(db, kv(), { email: first, password: "long enough password", ip: addr }, "open", limit)).user.email).toBe(first);
    await signUpFromForm(db, kv(), { email: uniqueEmail("form"), password: "long enough password", ip: addr }, "open", limit);
    const third = uniqueEmail("form");
    await expect(signUpFromForm(db, kv(), { email: third, password: "long enough password", ip: addr }, "open", limit)).rejects.toBeInstanceOf(
      RateLimitedError,
    );
    expect(await db.select().from(users).where(eq(users.email, third))).toHaveLength(0);
    for (const k of await signUpKeys()) expect(k.length).toBeLessThan(key("rl", "signup", "ip").length + 40);
  });
});
