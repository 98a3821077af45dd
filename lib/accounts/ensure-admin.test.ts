import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../db/client";
import { users } from "../db/schema";
import { createTestUser, uniqueEmail } from "../../tests/factories";
import { authenticate } from "./authenticate";
import { ensureAdmin, notAdminWarning } from "./ensure-admin";

afterAll(closeDb);

describe("ensureAdmin (ADMIN_EMAIL / ADMIN_PASSWORD bootstrap)", () => {
  it("creates the admin with ADMIN_PASSWORD once; a later start keeps the account and its (changed) password", async () => {
    const email = uniqueEmail("boot");
    const first = await ensureAdmin(db, email.toUpperCase(), "first password");
    expect(first.outcome).toBe("created");
    expect(first.user).toMatchObject({ email, isAdmin: true });
    expect((await authenticate(db, email, "first password"))?.isAdmin).toBe(true);

    const again = await ensureAdmin(db, email, "second password");
    expect(again).toMatchObject({ outcome: "existing-admin", user: { id: first.user.id } });
    expect(await authenticate(db, email, "second password")).toBeNull();
    expect((await authenticate(db, email, "first password"))?.isAdmin).toBe(true);
  });

  it("does not promote an existing non-admin account, nor touch its password, and says what to do", async () => {
    const { user, email, password } = await createTestUser();
    const result = await ensureAdmin(db, email, "takeover password");
    expect(result).toMatchObject({ outcome: "not-admin", user: { id: user.id, isAdmin: false } });
    const [row] = await db.select().from(users).where(eq(users.id, user.id));
    expect(row.isAdmin).toBe(false);
    expect(await authenticate(db, email, "takeover password")).toBeNull();
    expect(await authenticate(db, email, password)).not.toBeNull();
    expect(notAdminWarning(email)).toMatch(/not promoted/);
    expect(notAdminWarning(email)).toContain("npm run admin -- create-user");
  });

  it("ends with one admin when several processes start at once", async () => {
    const email = uniqueEmail("race");
    const admins = await Promise.all([1, 2, 3].map(() => ensureAdmin(db, email, "race password")));
    expect(new Set(admins.map((a) => a.user.id)).size).toBe(1);
    expect(admins.filter((a) => a.outcome === "created")).toHaveLength(1);
    expect(await db.select().from(users).where(eq(users.email, email))).toHaveLength(1);
  });
});
