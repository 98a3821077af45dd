import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../db/client";
import { users } from "../db/schema";
import { createTestUser, uniqueEmail } from "../../tests/factories";
import { authenticate } from "./authenticate";
import { ensureAdmin } from "./create-user";

afterAll(closeDb);

describe("ensureAdmin (ADMIN_EMAIL / ADMIN_PASSWORD bootstrap)", () => {
  it("creates the admin once, and on later starts keeps the account and resets its password", async () => {
    const email = uniqueEmail("boot");
    const first = await ensureAdmin(db, email.toUpperCase(), "first password");
    expect(first).toMatchObject({ email, isAdmin: true });
    const again = await ensureAdmin(db, email, "second password");
    expect(again.id).toBe(first.id);
    expect(await authenticate(db, email, "first password")).toBeNull();
    expect((await authenticate(db, email, "second password"))?.isAdmin).toBe(true);
  });

  it("promotes an existing user", async () => {
    const { user, email } = await createTestUser();
    const admin = await ensureAdmin(db, email, "admin password");
    expect(admin.id).toBe(user.id);
    expect(admin.isAdmin).toBe(true);
  });

  it("ends with one admin when several processes start at once", async () => {
    const email = uniqueEmail("race");
    const admins = await Promise.all([1, 2, 3].map(() => ensureAdmin(db, email, "race password")));
    expect(new Set(admins.map((a) => a.id)).size).toBe(1);
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
  });
});
