import { sql } from "drizzle-orm";
import { expect, test } from "@playwright/test";
import { systemCtx } from "../lib/context";
import { db } from "../lib/db/client";
import { createStatusPage } from "../lib/status-pages/save-status-page";
import { seedMonitorHistory } from "./support-seed";
import { createUser, darkScreenshot, screenshot, signIn, uniqueEmail, waitForMail } from "./support";

const utcLocal = (ms: number) => new Date(ms).toISOString().slice(0, 16);

test("maintenance window, a posted incident and an email subscriber, from the app to the public page and the inbox", async ({ page }) => {
  const owner = await createUser();
  const seeded = await seedMonitorHistory(owner.email, { name: "checkout-api-internal", url: "https://origin.internal.example/health" });
  // Running (seeded monitors start paused, and a pause outranks maintenance on the page).
  await db.execute(sql`update monitors set paused = false, pause_history = '[]' where id = ${seeded.monitorId}`);
  const slug = `comm-${Date.now().toString(36)}`;
  await createStatusPage(systemCtx(db, seeded.workspaceId), {
    slug,
    title: "Acme",
    monitors: [{ monitorId: seeded.monitorId, displayName: "Checkout" }],
    subscribersEnabled: true,
  });
  await signIn(page, owner.email, owner.password);
  await page.setViewportSize({ width: 1280, height: 900 });

  // A window ending before it starts is refused inline; fixed, it is active at once.
  await page.goto("/maintenance");
  await page.getByTestId("new-maintenance").click();
  await page.getByLabel("Title").fill("Database upgrade");
  await page.getByLabel("Description (shown on status pages)").fill("Checkout may be slow for a few minutes.");
  await page.getByLabel("checkout-api-internal").check();
  await page.getByLabel("Starts (UTC)").fill(utcLocal(Date.now() - 5 * 60_000));
  await page.getByLabel("Ends (UTC)").fill(utcLocal(Date.now() - 10 * 60_000));
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page.locator("#endsAt-error")).toContainText("end after it starts");
  await page.getByLabel("Ends (UTC)").fill(utcLocal(Date.now() + 2 * 3_600_000));
  await page.getByRole("button", { name: "Schedule" }).click();
  await expect(page).toHaveURL(/\/maintenance$/);
  await expect(page.getByRole("region", { name: "Active now" })).toContainText("Database upgrade");
  await screenshot(page, "maintenance-list");

  // Post an incident on the status page's edit screen.
  const pages = await page.request.get(`/status/${slug}`);
  expect(pages.status()).toBe(200);
  await page.goto("/status-pages");
  await page.getByRole("link", { name: /Edit/ }).first().click();
  await expect(page.getByTestId("incidents-panel")).toBeVisible();
  const form = page.getByTestId("incident-form");
  await form.getByLabel("Title").fill("Elevated checkout errors");
  await form.getByLabel("Impact").selectOption("major");
  await form.getByLabel("Checkout", { exact: true }).check();
  await form.getByLabel("Message").fill("We are looking into it. <script>alert(1)</script>\n\n- Payments: affected\n- [Details](https://example.com/incident)");
  await form.getByRole("button", { name: "Post incident" }).click();
  await expect(page.getByTestId("posted-incident-row").first()).toContainText("Elevated checkout errors");
  await expect(page.getByTestId("subscribers-enabled")).toHaveText("on");
  await screenshot(page, "status-page-edit-communication");

  // The public page: the incident with its message rendered inert, the maintenance, the monitor under it.
  await page.goto(`/status/${slug}`);
  const posted = page.getByTestId("open-posted-incidents");
  await expect(posted).toContainText("Elevated checkout errors");
  await expect(posted).toContainText("<script>alert(1)</script>");
  await expect(posted.getByRole("link", { name: "Details" })).toHaveAttribute("rel", "nofollow noopener");
  await expect(page.getByTestId("maintenance-notice")).toContainText("Database upgrade");
  await expect(page.getByTestId("public-monitor")).toContainText("Under maintenance");
  await screenshot(page, "status-page-communication-light");
  await darkScreenshot(page, "status-page-communication-dark");

  // Subscribe, confirm through the emailed link, then an update reaches the inbox with an unsubscribe link.
  const reader = uniqueEmail("reader");
  await page.getByLabel("Email address").fill(reader);
  await page.getByRole("button", { name: "Subscribe" }).click();
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
  const confirm = await waitForMail(reader, (m) => m.subject.includes("Confirm your subscription"));
  await page.goto(/https?:\/\/\S+\/subscribe\/confirm\S*/.exec(confirm.text)![0]);
  await page.getByRole("button", { name: "Confirm" }).click();
  await expect(page.getByRole("heading", { name: "You're subscribed" })).toBeVisible();

  await page.goto("/status-pages");
  await page.getByRole("link", { name: /Edit/ }).first().click();
  await page.getByText("Add an update").click();
  const update = page.getByTestId("incident-update-form");
  await update.getByLabel("Status").selectOption("resolved");
  await update.getByLabel("Message").fill("Fixed: a bad deploy was rolled back.");
  await update.getByRole("button", { name: "Post update" }).click();
  const mail = await waitForMail(reader, (m) => m.subject.includes("Resolved: Elevated checkout errors"), 30_000);
  expect(mail.text).toContain(`/status/${slug}/unsubscribe?token=`);
});
