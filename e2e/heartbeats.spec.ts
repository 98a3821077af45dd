import { expect, test, type Page } from "@playwright/test";
import { createUser, screenshot, signIn, waitForMail, darkScreenshot } from "./support";

async function statusOf(page: Page, name: string): Promise<string> {
  await page.goto("/monitors");
  return ((await page.getByTestId("monitor-row").filter({ hasText: name }).getByTestId("monitor-status").textContent()) ?? "").trim();
}

test("a heartbeat monitor goes up on a ping, down when pings stop (with an email), and alert channels are managed on the alerts page", async ({
  page,
  request,
}) => {
  const owner = await createUser();
  await signIn(page, owner.email, owner.password);

  // Create a heartbeat monitor with a short period and grace (the e2e stack allows 2 s).
  await page.goto("/monitors");
  await page.getByTestId("new-monitor").click();
  await page.getByText("Heartbeat", { exact: true }).click();
  await page.getByTestId("monitor-form").getByLabel("Name", { exact: true }).fill("E2E cron job");
  await page.getByLabel("Period (seconds)").fill("2");
  await page.getByLabel("Grace (seconds)").fill("2");
  await page.getByRole("button", { name: "Create monitor" }).click();
  await expect(page).toHaveURL(/\/monitors\/[0-9a-f-]{36}\/edit\?created=1$/);
  const pingUrl = ((await page.getByTestId("ping-url").textContent()) ?? "").trim();
  expect(pingUrl).toMatch(/\/ping\/[A-Za-z0-9_-]{24}$/);

  // A real HTTP ping (the route answers 200 once the ping is durably queued) → the monitor is up.
  const path = new URL(pingUrl).pathname;
  const first = await request.post(path, { data: "backup ok", headers: { "user-agent": "e2e-cron/1.0" } });
  expect(first.status()).toBe(200);
  await expect.poll(() => statusOf(page, "E2E cron job"), { timeout: 15_000 }).toBe("Up");
  expect((await request.get(`${path}/256`)).status()).toBe(400);
  expect((await request.put(path)).status()).toBe(405);
  expect((await request.get("/ping/UnknownTokenUnknownToken")).status()).toBe(404);

  // Pings stop: down after period + grace, and the owner (default channel) is emailed.
  await expect.poll(() => statusOf(page, "E2E cron job"), { timeout: 20_000, intervals: [1000] }).toBe("Down");
  const down = await waitForMail(owner.email, (m) => m.subject.includes("DOWN") && m.subject.includes("E2E cron job"), 20_000);
  expect(down.text).toContain("No ping received since");
  expect(down.text).toMatch(/\/incidents\/[0-9a-f-]{36}/);
  await screenshot(page, "heartbeat-down");

  // Recovery on the next ping, with a recovery email.
  expect((await request.get(path)).status()).toBe(200);
  await waitForMail(owner.email, (m) => m.subject.includes("RECOVERED") && m.subject.includes("E2E cron job"), 20_000);

  // The alerts page: the owner's default channel, add one, test it, mute it, delete it.
  await page.goto("/alerts");
  await expect(page.getByTestId("channel-target").filter({ hasText: owner.email })).toHaveCount(1);
  const team = `team-${owner.email}`;
  await page.getByLabel("Email address").fill("not an email");
  await page.getByTestId("channel-submit").click();
  await expect(page.locator("#target-error")).toBeVisible();
  await page.getByLabel("Email address").fill(team);
  await page.getByTestId("channel-submit").click();
  const teamRow = page.getByTestId("alert-channel").filter({ hasText: team });
  await expect(teamRow).toHaveCount(1);
  // Not a member's address: it confirms through its emailed link before it receives anything, tests included.
  await expect(teamRow).toContainText("awaiting confirmation");
  const confirm = await waitForMail(team, (m) => m.subject.includes("Confirm Vigil alerts"), 15_000);
  await page.goto(/https?:\/\/\S+\/alerts\/confirm\/[A-Za-z0-9_-]+/.exec(confirm.text)![0]);
  await page.getByTestId("confirm-alert-email").click();
  await expect(page.getByRole("heading", { name: "Address confirmed" })).toBeVisible();
  await page.goto("/alerts");
  await teamRow.getByTestId("channel-test").click();
  await expect(teamRow.getByRole("status")).toContainText("Test queued");
  const testMail = await waitForMail(team, (m) => m.subject === "[Vigil] Test alert", 15_000);
  expect(testMail.html).toContain("Test alert");
  await teamRow.getByTestId("channel-mute").click();
  await expect(teamRow.getByText("muted", { exact: true })).toBeVisible();
  await page.reload();
  await screenshot(page, "alerts");
  await darkScreenshot(page, "alerts-dark");
  await teamRow.getByTestId("channel-delete").click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete channel" }).click();
  await expect(teamRow).toHaveCount(0);
});
