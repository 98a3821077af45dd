import { expect, test, type Browser, type Page } from "@playwright/test";
import postgres from "postgres";
import { adminCli, adminCredentials, createUser, screenshot, signIn, uniqueEmail, waitForMail, darkScreenshot } from "./support";

const LINK = /https?:\/\/\S+\/sign-up\?token=[A-Za-z0-9_-]{43}/;

/** A fresh browser context: another person on another machine. */
async function stranger(browser: Browser, headers?: Record<string, string>): Promise<Page> {
  const context = await browser.newContext({ extraHTTPHeaders: headers });
  return context.newPage();
}

test("a visitor joins the waitlist, the admin invites them, and they sign up", async ({ browser, page }) => {
  const email = uniqueEmail("visitor");
  const name = `<script>window.__xss = 1</script> Ada`;

  // The landing page: inline validation, then a clear confirmation.
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await screenshot(page, "landing");
  await darkScreenshot(page, "landing-dark");
  const form = page.getByTestId("waitlist-form");
  await form.getByLabel("Work email").fill("not-an-email");
  await form.getByRole("button", { name: "Request beta access" }).click();
  await expect(form.getByText("Enter a valid email address")).toBeVisible();
  await form.getByLabel("Work email").fill(email);
  await form.getByLabel("Name (optional)").fill(name);
  await form.getByLabel(/What would you monitor/).fill("Our API and the nightly backup job");
  await form.getByRole("button", { name: "Request beta access" }).click();
  await expect(page.getByTestId("waitlist-success")).toContainText("You're on the list");

  // Joining again is not an error for the visitor.
  const again = await stranger(browser);
  await again.goto("/");
  await again.getByLabel("Work email").fill(email.toUpperCase());
  await again.getByRole("button", { name: "Request beta access" }).click();
  await expect(again.getByTestId("waitlist-success")).toContainText("You're on the list");

  // The admin sees the request (the name rendered as text, not run) and invites from it.
  const admin = await stranger(browser);
  await signIn(admin, adminCredentials.email, adminCredentials.password);
  await admin.goto("/admin");
  const row = admin.getByTestId("waitlist-row").filter({ hasText: email });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText(name);
  expect(await admin.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  await screenshot(admin, "admin");
  await row.getByRole("button", { name: `Invite ${email}` }).click();
  await expect(row.getByText("Invite sent")).toBeVisible();
  await expect(admin.getByTestId("invite-row").filter({ hasText: email })).toHaveAttribute("data-status", "pending");

  // The invitee follows the link from the email.
  const mail = await waitForMail(email, (m) => /invited/i.test(m.subject));
  const link = LINK.exec(mail.text)?.[0];
  expect(link).toBeTruthy();
  const invitee = await stranger(browser);
  await invitee.goto(link!);
  await expect(invitee.getByLabel("Email")).toHaveValue(email);
  await expect(invitee.getByLabel("Email")).toHaveAttribute("readonly", "");
  await screenshot(invitee, "sign-up");
  await invitee.getByLabel("Password").fill("short");
  await invitee.getByRole("button", { name: "Create account" }).click();
  await expect(invitee.getByText("Use at least 8 characters")).toBeVisible();
  await invitee.getByLabel("Name (optional)").fill("Ada Lovelace");
  await invitee.getByLabel("Password").fill("a long enough password");
  await invitee.getByRole("button", { name: "Create account" }).click();
  await expect(invitee).toHaveURL(/\/monitors/);
  await expect(invitee.getByTestId("current-user")).toHaveText(email);

  // The link is spent, and the admin sees it as used.
  await invitee.goto(link!);
  await expect(invitee.getByTestId("invite-error")).toContainText("already been used");
  await admin.reload();
  await expect(admin.getByTestId("invite-row").filter({ hasText: email })).toHaveAttribute("data-status", "used");
});

test("revoked and expired invites show a clear message and create no account", async ({ browser, page }) => {
  const revokedEmail = uniqueEmail("revoked");
  const revokedLink = await adminCli("invite", "--email", revokedEmail);
  expect(revokedLink).toMatch(LINK);

  await signIn(page, adminCredentials.email, adminCredentials.password);
  await page.goto("/admin");
  const row = page.getByTestId("invite-row").filter({ hasText: revokedEmail });
  await row.getByRole("button", { name: `Revoke invite for ${revokedEmail}` }).click();
  await row.getByRole("button", { name: "Confirm revoke" }).click();
  await expect(row).toHaveAttribute("data-status", "revoked");

  const visitor = await stranger(browser);
  await visitor.goto(revokedLink);
  await expect(visitor.getByTestId("invite-error")).toContainText("withdrawn");
  await expect(visitor.getByRole("button", { name: "Create account" })).toHaveCount(0);
  await screenshot(visitor, "sign-up-revoked");

  // Inviting by email from the admin page shows the link once, next to the confirmation.
  const expiredEmail = uniqueEmail("expired");
  const inviteForm = page.getByTestId("invite-by-email-form");
  await inviteForm.getByLabel("Invite by email").fill("nonsense");
  await inviteForm.getByRole("button", { name: "Send invite" }).click();
  await expect(inviteForm.getByText("Enter a valid email address")).toBeVisible();
  await inviteForm.getByLabel("Invite by email").fill(expiredEmail);
  await inviteForm.getByRole("button", { name: "Send invite" }).click();
  const result = page.getByTestId("invite-result");
  await expect(result).toContainText(`Invite sent to ${expiredEmail}`);
  const expiredLink = await result.getByLabel("Sign-up link").inputValue();
  expect(expiredLink).toMatch(LINK);
  await expect(page.getByTestId("invite-row").filter({ hasText: expiredEmail })).toHaveAttribute("data-status", "pending");
  await screenshot(page, "admin-invites");
  const sql = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
  try {
    await sql`update invites set expires_at = now() - interval '1 minute' where email = ${expiredEmail}`;
  } finally {
    await sql.end();
  }
  await visitor.goto(expiredLink);
  await expect(visitor.getByTestId("invite-error")).toContainText("expired");

  await visitor.goto("/sign-up");
  await expect(visitor.getByTestId("invite-error")).toContainText("invite link");
});

test("sign-in explains wrong credentials and rate limiting, and skips the form when signed in", async ({ browser }) => {
  const user = await createUser();
  // Its own client address, so these failures don't count against other tests' sign-ins.
  const page = await stranger(browser, { "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250)}` });
  await page.goto("/sign-in");
  await screenshot(page, "sign-in");
  const alert = page.getByTestId("sign-in-form").getByRole("alert");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(alert).toContainText("Enter your email and password");

  await page.getByLabel("Email").fill(user.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(alert).toContainText("don't match an account");
  await screenshot(page, "sign-in-error");

  // 10 attempts per email per 5 minutes; the 11th is refused whatever the password.
  for (let i = 0; i < 9; i++) {
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("button", { name: "Sign in" })).toBeEnabled();
  }
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(alert).toContainText("Too many sign-in attempts");

  const other = await stranger(browser);
  await signIn(other, adminCredentials.email, adminCredentials.password);
  await other.goto("/sign-in");
  await expect(other).toHaveURL(/\/monitors/);
});
