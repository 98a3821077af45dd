import { afterAll, describe, expect, it } from "vitest";
import { authenticate } from "./authenticate";
import { createUser } from "./create-user";
import { closeDb, db } from "../db/client";
import { ConflictError } from "../errors";
import { createTestUser, uniqueEmail } from "../../tests/factories";

afterAll(closeDb);

describe("accounts", () => {
  it("runs against the run's own database", () => {
    expect(process.env.DATABASE_URL).toMatch(/vigil_test_unit_/);
  });

  it("creates a user with a personal workspace and an argon2id hash", async () => {
    const { user, workspaceId } = await createTestUser();
    expect(workspaceId).toMatch(/^[0-9a-f-]{36}$/);
    expect(user.passwordHash.startsWith("$argon2id$")).toBe(true);
  });

  it("authenticates with the right password only", async () => {
    const { email, password, workspaceId } = await createTestUser();
    const ok = await authenticate(db, email.toUpperCase(), password);
    expect(ok?.workspaceId).toBe(workspaceId);
    expect(await authenticate(db, email, "wrong password")).toBeNull();
    expect(await authenticate(db, uniqueEmail("nobody"), password)).toBeNull();
  });

  it("refuses a duplicate email with a clear conflict", async () => {
    const { email } = await createTestUser();
    await expect(createUser(db, { email: email.toUpperCase(), password: "another password" })).rejects.toBeInstanceOf(ConflictError);
  });
});
