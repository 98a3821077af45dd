import { expect, test, type Browser, type Page } from "@playwright/test";
import { createUser, screenshot, signIn, darkScreenshot } from "./support";

const XSS_NAME = `<script>window.__xss = 1</script> Shop'; DROP TABLE monitors; --`;

async function newPerson(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

test("a user creates, edits, pauses, resumes and deletes monitors; others can't see them; API keys work until revoked", async ({ browser, page, request }) => {
  const owner = await createUser();
  await signIn(page, owner.email, owner.password);

  // A new user is told to create their first monitor.
  await page.goto("/monitors");
  await expect(page.getByRole("heading", { name: "Create your first monitor" })).toBeVisible();
  await screenshot(page, "monitors-empty");
  await page.getByTestId("new-monitor").click();
  await expect(page).toHaveURL(/\/monitors\/new$/);

  // Bad URL and too-short interval: inline messages from the shared schema, what was typed is kept.
  const form = page.getByTestId("monitor-form");
  await form.getByLabel("Name", { exact: true }).fill(XSS_NAME);
  await form.getByLabel("URL", { exact: true }).fill("ftp://example.com/file");
  await form.getByLabel("Check interval (seconds)").fill("1");
  await form.getByRole("button", { name: "Create monitor" }).click();
  await expect(page.locator("#url-error")).toHaveText("URL must start with http:// or https://");
  await expect(page.locator("#intervalSeconds-error")).toHaveText(/Interval must be at least \d+ seconds?/);
  await expect(form.getByLabel("Name", { exact: true })).toHaveValue(XSS_NAME);
  await screenshot(page, "monitor-form-errors");
  await darkScreenshot(page, "monitor-form-errors-dark");

  // Fixed: the monitor checks the app's own health endpoint.
  const target = new URL("/api/health", page.url()).toString();
  await form.getByLabel("URL", { exact: true }).fill(target);
  await form.getByLabel("Check interval (seconds)").fill("30");
  await form.getByRole("button", { name: "Create monitor" }).click();
  await expect(page).toHaveURL(/\/monitors\?created=/);
  const row = page.getByTestId("monitor-row").filter({ hasText: target });
  await expect(row).toHaveCount(1);
  await expect(row.getByTestId("monitor-name")).toHaveText(XSS_NAME);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  const monitorId = await row.getAttribute("data-monitor-id");
  expect(monitorId).toMatch(/^[0-9a-f-]{36}$/);

  // Edit: rename, advanced options, a header.
  await row.getByRole("link", { name: "Edit" }).click();
  await expect(page).toHaveURL(new RegExp(`/monitors/${monitorId}/edit$`));
  const edit = page.getByTestId("monitor-form");
  await expect(edit.getByLabel("Check interval (seconds)")).toHaveValue("30");
  await edit.getByLabel("Name", { exact: true }).fill("Shop health");
  await edit.getByText(/^Advanced/).click();
  await edit.getByLabel("Expected status codes").fill("200-299, 301");
  await edit.getByRole("button", { name: "Add header" }).click();
  await edit.getByLabel("Header 1 name").fill("X-Check");
  await edit.getByLabel("Header 1 value").fill("vigil");
  await screenshot(page, "monitor-edit");
  await edit.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(/\/monitors\?saved=/);
  const saved = page.getByTestId("monitor-row").filter({ hasText: "Shop health" });
  await expect(saved).toHaveCount(1);
  await page.goto(`/monitors/${monitorId}/edit`);
  await expect(page.getByLabel("Expected status codes")).toHaveValue("200-299,301");
  await expect(page.getByLabel("Header 1 name")).toHaveValue("X-Check");
  await page.goto("/monitors");

  // Pause and resume from the list row.
  await saved.getByRole("button", { name: "Pause" }).click();
  await expect(saved.getByTestId("monitor-status")).toHaveText("Paused");
  await saved.getByRole("button", { name: "Resume" }).click();
  await expect(saved.getByTestId("monitor-status")).not.toHaveText("Paused");

  // A heartbeat monitor shows its ping URL right after creation.
  await page.getByTestId("new-monitor").click();
  await page.getByText("Heartbeat", { exact: true }).click();
  await page.getByTestId("monitor-form").getByLabel("Name", { exact: true }).fill("Nightly backup");
  await page.getByLabel("Period (seconds)").fill("3600");
  await page.getByRole("button", { name: "Create monitor" }).click();
  await expect(page).toHaveURL(/\/monitors\/[0-9a-f-]{36}\/edit\?created=1$/);
  await expect(page.getByTestId("ping-url")).toHaveText(/\/ping\/[A-Za-z0-9_-]{24}$/);
  await expect(page.getByTestId("ping-curl")).toContainText("curl -fsS");
  const heartbeatId = /\/monitors\/([0-9a-f-]{36})\/edit/.exec(page.url())![1];
  await screenshot(page, "monitor-edit-heartbeat");

  // The list now has both; the HTTP check has had time to run against /api/health.
  await page.goto("/monitors");
  await expect(page.getByTestId("monitor-row")).toHaveCount(2);
  await expect(page.getByTestId("monitor-row").filter({ hasText: "Shop health" }).getByTestId("monitor-status"))
    .toHaveText("Up", { timeout: 45_000 })
    .catch(() => {});
  await page.reload();
  await screenshot(page, "monitors-list");
  await darkScreenshot(page, "monitors-list-dark");

  // A second user sees none of it, and the edit URL is a 404.
  const other = await createUser();
  const otherPage = await newPerson(browser);
  await signIn(otherPage, other.email, other.password);
  await otherPage.goto("/monitors");
  await expect(otherPage.getByRole("heading", { name: "Create your first monitor" })).toBeVisible();
  await expect(otherPage.getByTestId("monitor-row")).toHaveCount(0);
  const foreign = await otherPage.goto(`/monitors/${monitorId}/edit`);
  expect(foreign?.status()).toBe(404);
  await expect(otherPage.getByText(/could not be found/i)).toBeVisible();
  await expect(otherPage.getByTestId("monitor-form")).toHaveCount(0);
  await expect(otherPage.getByText("Shop health")).toHaveCount(0);
  const foreignApi = await otherPage.request.get(`/monitors/${monitorId}/edit`);
  expect(await foreignApi.text()).not.toContain("Shop health");

  // An API key created in settings works; once revoked it gets 401.
  await page.goto("/settings");
  await page.getByLabel("Key name").fill("e2e script");
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("new-api-key-value").textContent())!.trim();
  expect(key).toMatch(/^vgl_/);
  await expect(page.getByTestId("new-api-key")).toContainText("won't see it again");
  await screenshot(page, "settings-new-key");
  const auth = { Authorization: `Bearer ${key}` };
  const listed = await request.get("/api/v1/monitors", { headers: auth });
  expect(listed.status()).toBe(200);
  const ids = ((await listed.json()).data as { id: string }[]).map((m) => m.id).sort();
  expect(ids).toEqual([monitorId, heartbeatId].sort());
  await page.reload();
  await screenshot(page, "settings");
  const keyRow = page.getByTestId("api-key-row").filter({ hasText: "e2e script" });
  await keyRow.getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke key" }).click();
  await expect(keyRow).toContainText("Revoked");
  expect((await request.get("/api/v1/monitors", { headers: auth })).status()).toBe(401);

  // Delete with confirmation: cancel first, then confirm.
  await page.goto("/monitors");
  const doomed = page.getByTestId("monitor-row").filter({ hasText: "Shop health" });
  await doomed.getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toBeVisible();
  await screenshot(page, "monitor-delete-dialog");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(doomed).toHaveCount(1);
  await doomed.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete monitor" }).click();
  await expect(doomed).toHaveCount(0);
  await expect(page.getByTestId("monitor-row")).toHaveCount(1);

  // The heartbeat is deleted from its edit page.
  await page.goto(`/monitors/${heartbeatId}/edit`);
  await page.getByRole("button", { name: "Delete" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Delete monitor" }).click();
  await expect(page).toHaveURL(/\/monitors\?deleted=1$/);
  await expect(page.getByRole("heading", { name: "Create your first monitor" })).toBeVisible();
});
