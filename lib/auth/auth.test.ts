import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "../db/client";
import { parseEnv } from "../env";
import { RateLimitedError } from "../errors";
import { closeRedis, ioredis, key, kv } from "../redis/client";
import { createTestUser, uniqueEmail } from "../../tests/factories";
import { authOptions, sessionSecret, SIGN_IN_LIMITS, wantsSecureCookies } from "./options";
import { signInBucketKeys, withSignInLimits } from "./sign-in-guard";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

type Authorize = (
  credentials: Record<string, string> | undefined,
  req: { headers: Record<string, string> },
) => Promise<{ id: string; email?: string | null } | null>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
/** A request from a client address of its own (the right-most X-Forwarded-For entry, as server.ts sets it). */
const fromIp = (ip = `198.51.100.${randomBytes(1)[0]}-${randomBytes(3).toString("hex")}`) => ({ headers: { "x-forwarded-for": `203.0.113.9, ${ip}` } });
const TOO_MANY = /^Too many sign-in attempts\. Try again in \d+ (seconds|minutes)\.$/;

async function signInKeys(): Promise<string[]> {
  const out: string[] = [];
  let cursor = "0";
  do {
    const [next, keys] = await ioredis().scan(cursor, "MATCH", key("rl", "signin", "*"), "COUNT", 1000);
    cursor = next;
    out.push(...keys);
  } while (cursor !== "0");
  return out.sort();
}

describe("credentials sign-in", () => {
  it("signs in with the right password only, whatever the email's case", async () => {
    const { user, email, password } = await createTestUser();
    expect(await authorize({ email: ` ${email.toUpperCase()} `, password }, fromIp())).toMatchObject({ id: user.id, email });
    expect(await authorize({ email, password: "wrong password" }, fromIp())).toBeNull();
    expect(await authorize({ email: uniqueEmail("nobody"), password }, fromIp())).toBeNull();
    expect(await authorize({ email, password: "" }, fromIp())).toBeNull();
    expect(await authorize(undefined, fromIp())).toBeNull();
  });

  it("refuses a client that failed too often on an account, even with the right password; the owner from elsewhere still signs in", async () => {
    const { user, email, password } = await createTestUser();
    const stranger = fromIp();
    for (let i = 0; i < SIGN_IN_LIMITS.perClientAccount.limit; i++) expect(await authorize({ email, password: "wrong password" }, stranger)).toBeNull();
    await expect(authorize({ email, password }, stranger)).rejects.toThrow(TOO_MANY);
    expect(await authorize({ email, password }, fromIp())).toMatchObject({ id: user.id });
    // The stranger's refused attempts were not counted on: the bucket sits at its limit.
    const keys = signInBucketKeys(stranger.headers["x-forwarded-for"].split(", ")[1], email);
    expect(Number(await kv().get(keys.clientAccount))).toBe(SIGN_IN_LIMITS.perClientAccount.limit);
    expect(await kv().ttl(keys.clientAccount)).toBeGreaterThan(0);
  });

  it("counts failures, not attempts: many good sign-ins from one address are never refused", async () => {
    const { email, password } = await createTestUser();
    const office = fromIp();
    for (let i = 0; i < SIGN_IN_LIMITS.perClientAccount.limit + 2; i++) expect(await authorize({ email, password }, office)).not.toBeNull();
    // Failures after them still count from zero: the limit is reached after `limit` failures, not before.
    for (let i = 0; i < SIGN_IN_LIMITS.perClientAccount.limit - 1; i++) expect(await authorize({ email, password: "typo" }, office)).toBeNull();
    expect(await authorize({ email, password }, office)).not.toBeNull();
  });

  it("is rate limited per client address across emails", async () => {
    const req = fromIp();
    for (let i = 0; i < SIGN_IN_LIMITS.perIp.limit; i++) await authorize({ email: uniqueEmail("spray"), password: "guess" }, req);
    const { email, password } = await createTestUser();
    await expect(authorize({ email, password }, req)).rejects.toThrow(TOO_MANY);
    expect(await authorize({ email, password }, fromIp())).not.toBeNull();
  });

  it("refuses oversized input before it reaches Redis or Postgres", async () => {
    const { email, password } = await createTestUser();
    const before = await signInKeys();
    const huge = "a".repeat(4 * 1024 * 1024);
    expect(await authorize({ email: `${huge}@example.test`, password }, fromIp())).toBeNull();
    expect(await authorize({ email, password: huge }, fromIp())).toBeNull();
    expect(await authorize({ email: `${" ".repeat(1_000_000)}${email}`, password }, fromIp())).toBeNull();
    expect(await authorize({ email, password: "é".repeat(513) }, fromIp())).toBeNull(); // 1026 bytes
    expect(await signInKeys()).toEqual(before);
    // Keys carry a digest of what the client sent, never the text itself.
    await authorize({ email: uniqueEmail("len"), password: "x" }, fromIp(`${"1".repeat(200)}`));
    for (const k of await signInKeys()) expect(k.length).toBeLessThan(key("rl", "signin", "ip-account").length + 40);
  });
});

describe("account protection across addresses (withSignInLimits)", () => {
  const limits = {
    perIp: { limit: 50, windowSeconds: 60 },
    perClientAccount: { limit: 10, windowSeconds: 60 },
    accountSlowdown: { threshold: 3, windowSeconds: 60, delayMs: 400 },
  };

  it("slows an account under attack from many addresses down, but never refuses its owner", async () => {
    const email = uniqueEmail("target");
    for (let i = 0; i < 5; i++) expect(await withSignInLimits(kv(), { clientIp: `192.0.2.${i}`, email }, async () => null, limits)).toBeNull();
    const started = Date.now();
    expect(await withSignInLimits(kv(), { clientIp: "203.0.113.50", email }, async () => "signed in", limits)).toBe("signed in");
    expect(Date.now() - started).toBeGreaterThanOrEqual(limits.accountSlowdown.delayMs - 20);
    // A fresh account is not slowed.
    const quick = Date.now();
    await withSignInLimits(kv(), { clientIp: "203.0.113.50", email: uniqueEmail("calm") }, async () => "ok", limits);
    expect(Date.now() - quick).toBeLessThan(limits.accountSlowdown.delayMs);
  });

  it("bounds a burst of parallel guesses from one address (counted before the check)", async () => {
    const email = uniqueEmail("burst");
    const results = await Promise.allSettled(
      Array.from({ length: 25 }, () =>
        withSignInLimits(kv(), { clientIp: "192.0.2.77", email }, async () => null, { ...limits, accountSlowdown: { ...limits.accountSlowdown, delayMs: 0 } }),
      ),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(limits.perClientAccount.limit);
    expect(results.filter((r) => r.status === "rejected").every((r) => (r as PromiseRejectedResult).reason instanceof RateLimitedError)).toBe(true);
  });
});

describe("session configuration", () => {
  it("has a built-in secret in development only; tests get a random one; production none", () => {
    expect(sessionSecret({ NODE_ENV: "development" })).toMatch(/development/);
    const a = sessionSecret({ NODE_ENV: "test" });
    expect(a).toHaveLength(43);
    expect(sessionSecret({ NODE_ENV: "test" })).not.toBe(a);
    expect(sessionSecret({ NODE_ENV: "production" })).toBeUndefined();
    expect(sessionSecret({ NODE_ENV: "production", AUTH_SECRET: "s".repeat(32) })).toBe("s".repeat(32));
    expect(authOptions.secret).not.toMatch(/development/);
  });

  it("production refuses to start without AUTH_SECRET", () => {
    expect(() => parseEnv({ NODE_ENV: "production" })).toThrow(/AUTH_SECRET/);
    expect(() => parseEnv({ NODE_ENV: "production", NEXT_PHASE: "phase-production-build" })).not.toThrow();
    expect(parseEnv({ NODE_ENV: "production", AUTH_SECRET: "s".repeat(32) }).AUTH_SECRET).toBe("s".repeat(32));
  });

  it("uses Secure, __Secure- cookies whenever APP_URL (or NEXTAUTH_URL) is https", () => {
    expect(wantsSecureCookies("https://vigil.example.com", undefined)).toBe(true);
    expect(wantsSecureCookies("https://vigil.example.com", "http://localhost:3000")).toBe(true);
    expect(wantsSecureCookies("http://localhost:3000", "https://vigil.example.com")).toBe(true);
    expect(wantsSecureCookies("http://localhost:3000", undefined)).toBe(false);
  });

  it("sends next-auth's redirects only to APP_URL", async () => {
    const redirect = authOptions.callbacks!.redirect!;
    const app = new URL(parseEnv(process.env).APP_URL).origin;
    expect(await redirect({ url: "/%09/evil.example", baseUrl: "http://evil.example" })).toBe(`${app}/`);
    expect(await redirect({ url: "https://evil.example/x", baseUrl: app })).toBe(`${app}/`);
    expect(await redirect({ url: `${app}/monitors/1`, baseUrl: app })).toBe(`${app}/monitors/1`);
  });
});
