import path from "node:path";
import { expect, test } from "@playwright/test";
import { createUser, darkScreenshot, screenshot, signIn } from "./support";

const FIXTURE = path.join(import.meta.dirname, "../lib/imports/uptime-kuma/fixture.kuma-backup.json");

test("Settings → Import: an Uptime Kuma backup becomes monitors, with the skipped ones and the new ping URL listed", async ({ page }) => {
  const owner = await createUser();
  await signIn(page, owner.email, owner.password);

  await page.goto("/settings");
  await page.getByRole("link", { name: "Import from Uptime Kuma" }).click();
  await expect(page).toHaveURL(/\/settings\/import$/);

  // A file that isn't a Kuma backup is refused with a message, and nothing is created.
  await page
    .getByLabel("Uptime Kuma backup file")
    .setInputFiles({ name: "notes.json", mimeType: "application/json", buffer: Buffer.from('{"hello": "world"}') });
  await page.getByRole("button", { name: "Import" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "isn't an Uptime Kuma backup" })).toBeVisible();

  await page.getByLabel("Uptime Kuma backup file").setInputFiles(FIXTURE);
  await page.getByRole("button", { name: "Import" }).click();
  const result = page.getByTestId("kuma-import-result");
  await expect(result).toContainText(/Created \d+ monitors from fixture\.kuma-backup\.json/);
  await expect(page.getByTestId("kuma-created")).toContainText("Marketing site");
  await expect(page.getByTestId("kuma-created").locator("li").filter({ hasText: "Old landing page" })).toContainText("paused");
  await expect(page.getByTestId("kuma-created").locator("li").filter({ hasText: "Postgres port" })).toContainText("TCP");
  await expect(page.getByTestId("kuma-created").locator("li").filter({ hasText: "Apex A record" })).toContainText("DNS");
  await expect(page.getByTestId("kuma-ping-url")).toHaveText(/\/ping\/[A-Za-z0-9_-]{24}$/);
  const skipped = page.getByTestId("kuma-skipped");
  await expect(skipped.locator("tr").filter({ hasText: "Production" })).toContainText("Groups aren't monitors");
  await expect(skipped.locator("tr").filter({ hasText: "Maintenance banner" })).toContainText("Upside-down");
  await screenshot(page, "settings-import");
  await darkScreenshot(page, "settings-import-dark");

  // The monitors are there, the paused one paused.
  await page.goto("/monitors");
  await expect(page.getByTestId("monitor-row").filter({ hasText: "Shop has checkout" })).toBeVisible();
  await expect(page.getByTestId("monitor-row").filter({ hasText: "Old landing page" })).toContainText(/paused/i);
});
