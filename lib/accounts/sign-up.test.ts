import { afterAll, describe, expect, it } from "vitest";
import { closeDb, db } from "../db/client";
import { ValidationError } from "../errors";
import { createInvite } from "../invites/create-invite";
import { lookupInvite } from "../invites/redeem-invite";
import { startSmtpCapture } from "../invites/smtp-capture.testkit";
import { createTestUser, uniqueEmail } from "../../tests/factories";
import { INVITE_REQUIRED, signUp } from "./sign-up";

afterAll(closeDb);

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
      const { token } = await createInvite(db, { email, invitedBy: admin.user.id }, { transport: smtp.transport });
      await signUp(db, { token, email, password: "long enough password" }, "open");
      expect((await lookupInvite(db, token)).status).toBe("used");
    } finally {
      await smtp.close();
    }
  });
});
