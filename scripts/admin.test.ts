import { execFile } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticate } from "../lib/accounts/authenticate";
import { findUserByEmail } from "../lib/accounts/find-user";
import { authenticateApiKey } from "../lib/api-keys/api-keys";
import { closeDb, db } from "../lib/db/client";
import { lookupInvite } from "../lib/invites/redeem-invite";
import { startSmtpCapture } from "@/tests/smtp-capture";
import { uniqueEmail } from "../tests/factories";

type Result = { code: number; stdout: string; stderr: string; last: string };

/** Runs the CLI as an operator would, against this run's database (inherited environment). */
function cli(args: string[], env: Record<string, string> = {}): Promise<Result> {
  return new Promise((resolve) => {
    execFile("npx", ["tsx", "scripts/admin.ts", ...args], { env: { ...process.env, ...env }, timeout: 60_000 }, (err, stdout, stderr) => {
      const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
      const lines = stdout.trimEnd().split("\n");
      resolve({ code, stdout, stderr, last: lines[lines.length - 1] });
    });
  });
}

let smtp: Awaited<ReturnType<typeof startSmtpCapture>>;

beforeAll(async () => {
  smtp = await startSmtpCapture();
});

afterAll(async () => {
  await smtp.close();
  await closeDb();
});

describe("npm run admin", () => {
  it("create-user creates a user who can sign in; --admin makes an admin; a taken email fails with 1", async () => {
    const email = uniqueEmail("cli");
    const made = await cli(["create-user", "--email", email, "--password", "cli password 1", "--admin"]);
    expect(made.code).toBe(0);
    const user = await findUserByEmail(db, email);
    expect(user?.isAdmin).toBe(true);
    expect(made.last).toBe(user?.id);
    expect(await authenticate(db, email, "cli password 1")).not.toBeNull();

    const again = await cli(["create-user", "--email", email, "--password", "cli password 2"]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);
  });

  it("set-quota raises one workspace's quota, resets it with 'default', and refuses a bad value with 2", async () => {
    const email = uniqueEmail("cli-quota");
    expect((await cli(["create-user", "--email", email, "--password", "cli password 1"])).code).toBe(0);
    const raised = await cli(["set-quota", "--email", email, "--monitors", "5000", "--test-sends", "3"]);
    expect(raised.code).toBe(0);
    expect(JSON.parse(raised.last)).toMatchObject({ monitors: 5000, testSendsPerHour: 3 });
    const reset = await cli(["set-quota", "--email", email, "--monitors", "default"]);
    expect(JSON.parse(reset.last).monitors).not.toBe(5000);
    expect(JSON.parse(reset.last).testSendsPerHour).toBe(3);
    expect((await cli(["set-quota", "--email", email, "--monitors", "lots"])).code).toBe(2);
    expect((await cli(["set-quota", "--email", uniqueEmail("nobody"), "--monitors", "1"])).code).toBe(1);
  });

  it("create-api-key prints a working key for the user's workspace alone on the last line", async () => {
    const email = uniqueEmail("cli-key");
    expect((await cli(["create-user", "--email", email, "--password", "cli password 1"])).code).toBe(0);
    const res = await cli(["create-api-key", "--email", email, "--name", "deploy bot"]);
    expect(res.code).toBe(0);
    expect(res.last).toMatch(/^vgl_[A-Za-z0-9_-]+$/);
    const auth = await authenticateApiKey(db, res.last);
    expect(auth?.workspaceId).toBeTruthy();

    const unknown = await cli(["create-api-key", "--email", uniqueEmail("nobody")]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/No user/);
  });

  it("invite prints the sign-up link alone on the last line and emails it", async () => {
    const email = uniqueEmail("cli-invite");
    const res = await cli(["invite", "--email", email], { SMTP_URL: `smtp://127.0.0.1:${smtp.port}`, APP_URL: "http://vigil.example.test" });
    expect(res.code).toBe(0);
    const match = /^http:\/\/vigil\.example\.test\/sign-up\?token=([A-Za-z0-9_-]{43})$/.exec(res.last);
    expect(match).not.toBeNull();
    expect(await lookupInvite(db, match![1])).toMatchObject({ status: "pending", email });
    expect((await smtp.waitFor(email)).text).toContain(res.last);
    expect(res.stderr).not.toMatch(/could not be sent/);
  });

  it("invite still prints the link, with a warning on stderr, when SMTP is unreachable", async () => {
    const email = uniqueEmail("cli-offline");
    const res = await cli(["invite", "--email", email], { SMTP_URL: "smtp://127.0.0.1:9" });
    expect(res.code).toBe(0);
    expect(res.last).toMatch(/\/sign-up\?token=[A-Za-z0-9_-]{43}$/);
    expect(res.stderr).toMatch(/warning: the invite email could not be sent/);
  });

  it.each([
    [[]],
    [["frobnicate"]],
    [["create-user", "--email", "a@example.test"]],
    [["create-user", "--email", "a@example.test", "--password", "long enough", "--bogus"]],
    [["create-user", "--email", "not-an-email", "--password", "long enough"]],
    [["create-api-key"]],
    [["invite", "--email"]],
    [["invite", "--email", "x@example.test", "extra"]],
  ])("bad arguments %j: usage on stderr, exit 2", async (args) => {
    const res = await cli(args);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("Usage: npm run admin");
    expect(res.stdout).toBe("");
  });
});
