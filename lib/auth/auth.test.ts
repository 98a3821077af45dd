import { randomBytes } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb } from "../db/client";
import { closeRedis } from "../redis/client";
import { createTestUser, uniqueEmail } from "../../tests/factories";
import { authOptions, SIGN_IN_LIMITS } from "./options";

afterAll(async () => {
  await closeDb();
  await closeRedis();
});

type Authorize = (credentials: Record<string, string> | undefined, req: { headers: Record<string, string> }) => Promise<{ id: string; email?: string | null } | null>;
const authorize = (authOptions.providers[0] as unknown as { options: { authorize: Authorize } }).options.authorize;
const fromIp = () => ({ headers: { "x-forwarded-for": `192.0.2.${randomBytes(1)[0]}, 10.0.0.${randomBytes(1)[0]}-${randomBytes(2).toString("hex")}` } });

describe("credentials sign-in", () => {
  it("signs in with the right password only, whatever the email's case", async () => {
    const { user, email, password } = await createTestUser();
    expect(await authorize({ email: ` ${email.toUpperCase()} `, password }, fromIp())).toMatchObject({ id: user.id, email });
    expect(await authorize({ email, password: "wrong password" }, fromIp())).toBeNull();
    expect(await authorize({ email: uniqueEmail("nobody"), password }, fromIp())).toBeNull();
    expect(await authorize({ email, password: "" }, fromIp())).toBeNull();
    expect(await authorize(undefined, fromIp())).toBeNull();
  });

  it("is rate limited per email, even with the right password, with a message for people", async () => {
    const { email, password } = await createTestUser();
    for (let i = 0; i < SIGN_IN_LIMITS.perEmail.limit; i++) expect(await authorize({ email, password: "wrong password" }, fromIp())).toBeNull();
    await expect(authorize({ email, password }, fromIp())).rejects.toThrow(/^Too many sign-in attempts\. Try again in \d+ (seconds|minutes)\.$/);
  });

  it("is rate limited per client address across emails", async () => {
    const req = fromIp();
    for (let i = 0; i < SIGN_IN_LIMITS.perIp.limit; i++) await authorize({ email: uniqueEmail("spray"), password: "guess" }, req);
    const { email, password } = await createTestUser();
    await expect(authorize({ email, password }, req)).rejects.toThrow(/Too many sign-in attempts/);
    expect(await authorize({ email, password }, fromIp())).not.toBeNull();
  });
});
