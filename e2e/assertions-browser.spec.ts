import { expect, test } from "@playwright/test";
import { createUser, screenshot, signIn } from "./support";

/** HTTP assertions built in the form (no JSON typed) and a browser monitor, with their bad input named inline. */
test("a user adds response assertions to an HTTP monitor and creates a browser monitor through the form", async ({ page }) => {
  const user = await createUser();
  await signIn(page, user.email, user.password);
  const health = new URL("/api/health", page.url()).toString();

  await page.goto("/monitors/new");
  const form = page.getByTestId("monitor-form");
  await form.getByLabel("Name", { exact: true }).fill("Health JSON");
  await form.getByLabel("URL", { exact: true }).fill(health);
  await form.getByText(/^Advanced/).click();
  const editor = form.getByTestId("assertions-editor");
  await editor.getByRole("button", { name: "Add assertion" }).click();
  await editor.getByLabel("Assertion 1 source").selectOption("json");
  await editor.getByLabel("Assertion 1 JSONPath").fill("$.status[");
  await editor.getByLabel("Assertion 1 operator").selectOption("eq");
  await editor.getByLabel("Assertion 1 value").fill("ok");
  await editor.getByRole("button", { name: "Add assertion" }).click();
  await editor.getByLabel("Assertion 2 source").selectOption("header");
  // The op select only offers what fits the source: no "less than" on a header.
  await expect(editor.getByLabel("Assertion 2 operator").locator("option")).toHaveText([
    "equals",
    "does not equal",
    "contains",
    "does not contain",
    "matches regex",
    "exists",
  ]);
  await editor.getByLabel("Assertion 2 header name").fill("Content-Type");
  await editor.getByLabel("Assertion 2 operator").selectOption("contains");
  await editor.getByLabel("Assertion 2 value").fill("application/json");
  await form.getByRole("button", { name: "Create monitor" }).click();
  await expect(editor.getByRole("alert")).toContainText("Assertion 1: JSONPath does not parse");
  await expect(editor.getByLabel("Assertion 2 header name")).toHaveValue("Content-Type");
  await page.screenshot({ path: "/tmp/assertions-form-error.png", fullPage: true });
  await screenshot(page, "monitor-form-assertions-error");

  await editor.getByLabel("Assertion 1 JSONPath").fill("$.status");
  await form.getByRole("button", { name: "Create monitor" }).click();
  await expect(page).toHaveURL(/\/monitors\?created=/);
  const row = page.getByTestId("monitor-row").filter({ hasText: "Health JSON" });
  await row.getByRole("link", { name: "Edit" }).click();
  const edit = page.getByTestId("monitor-form").getByTestId("assertions-editor");
  await expect(edit.getByLabel("Assertion 1 JSONPath")).toHaveValue("$.status");
  await expect(edit.getByLabel("Assertion 2 value")).toHaveValue("application/json");
  await page.screenshot({ path: "/tmp/assertions-form-edit.png", fullPage: true });

  // A browser monitor: interval under a minute is refused inline.
  await page.goto("/monitors/new");
  const bform = page.getByTestId("monitor-form");
  await bform.getByRole("radio", { name: /^Browser/ }).check();
  await expect(bform.getByTestId("browser-fields")).toBeVisible();
  await bform.getByLabel("Name", { exact: true }).fill("Sign-in page");
  await bform.getByLabel("URL", { exact: true }).fill(new URL("/signin", page.url()).toString());
  await bform.getByLabel("Wait for text").fill("Sign in");
  await bform.getByLabel("Check interval (seconds)").fill("30");
  await bform.getByRole("button", { name: "Create monitor" }).click();
  await expect(page.locator("#intervalSeconds-error")).toContainText("at least 60 seconds");
  await page.screenshot({ path: "/tmp/browser-form-error.png", fullPage: true });
  await bform.getByLabel("Check interval (seconds)").fill("60");
  await bform.getByRole("button", { name: "Create monitor" }).click();
  await expect(page).toHaveURL(/\/monitors\?created=/);
  await expect(page.getByTestId("monitor-row").filter({ hasText: "Sign-in page" })).toHaveCount(1);
});
