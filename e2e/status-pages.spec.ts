import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { seedDownMonitor, seedMonitor, seedMonitorHistory } from "./support-seed";
import { createUser, screenshot, signIn } from "./support";

const SECRET_URL = "https://origin-7f3a.internal.example/health?token=s3cret";
const INTERNAL_NAME = "checkout-api-prod-internal";
const UNLISTED_NAME = "unlisted-billing-db";

test("monitor charts, incident page, and a status page that shows exactly what it lists", async ({ browser, page }) => {
  const owner = await createUser();
  const seeded = await seedMonitorHistory(owner.email, { name: INTERNAL_NAME, url: SECRET_URL });
  const unlisted = await seedMonitor(owner.email, { name: UNLISTED_NAME, url: "https://billing.internal.example/" });
  await signIn(page, owner.email, owner.password);

  // Monitor page: uptime figures, the 90-day bar, and one line per region that switches with the range.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`/monitors/${seeded.monitorId}`);
  await expect(page.getByRole("heading", { name: INTERNAL_NAME })).toBeVisible();
  await expect(page.getByTestId("uptime-24h")).toHaveText(/^(9\d|100)(\.\d+)?%$/);
  await expect(page.getByTestId("uptime-bars").first().locator("[data-tone=up]").first()).toBeVisible();
  await expect(page.getByTestId("latency-chart").locator(".recharts-line")).toHaveCount(2);
  await expect(page.getByTestId("breakdown-chart").locator(".recharts-area")).toHaveCount(4);
  await screenshot(page, "monitor-page-desktop");
  for (const range of ["7d", "1h", "30d"]) {
    await page.getByTestId(`range-${range}`).click();
    await expect(page).toHaveURL(new RegExp(`range=${range}`));
    await expect(page.getByTestId(`range-${range}`)).toHaveAttribute("aria-current", "page");
    await expect(page.getByTestId("latency-chart").locator(".recharts-line")).toHaveCount(2);
  }
  await expect(page.getByTestId("monitor-incidents")).toContainText("HTTP 503 from both regions");
  await page.setViewportSize({ width: 390, height: 844 });
  await screenshot(page, "monitor-page-phone");
  await page.setViewportSize({ width: 1280, height: 900 });

  // Incident page: the failing response with its headers and first bytes, the timeline per region.
  await page.getByTestId("monitor-incidents").getByRole("link").first().click();
  await expect(page).toHaveURL(new RegExp(`/incidents/${seeded.incidentId}`));
  await expect(page.getByTestId("failing-response")).toContainText("HTTP 503");
  await expect(page.getByTestId("response-headers")).toContainText("retry-after: 30");
  await expect(page.getByTestId("response-body")).toContainText("Service Unavailable");
  await expect(page.getByTestId("incident-timeline").first()).toContainText("eu");
  await screenshot(page, "incident-page-desktop");

  // Create a status page in the UI, listing one monitor under a public display name.
  const slug = `e2e-${Date.now().toString(36)}`;
  await page.goto("/status-pages");
  await page.getByRole("link", { name: "New status page" }).first().click();
  await page.getByLabel("Title").fill("Acme status");
  await page.getByLabel("Slug").fill("Not A Slug");
  await page.getByLabel("Add a monitor").selectOption({ label: INTERNAL_NAME });
  await page.getByTestId("add-monitor-button").click();
  await page.getByTestId("display-name-0").fill("Checkout");
  await page.getByTestId("save-status-page").click();
  await expect(page.locator("#slug-error")).toBeVisible();
  await page.getByLabel("Slug").fill(slug);
  await page.getByTestId("save-status-page").click();
  await expect(page).toHaveURL(/\/status-pages\?saved=/);
  await expect(page.getByTestId("status-page-list")).toContainText(`/status/${slug}`);
  await screenshot(page, "status-pages-list");

  // Logged out: the public page shows exactly what it lists, and nothing else.
  const visitor = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const pub = await visitor.newPage();
  const res = await pub.goto(`/status/${slug}`);
  expect(res?.status()).toBe(200);
  await expect(pub.getByRole("heading", { name: "Acme status" })).toBeVisible();
  await expect(pub.getByTestId("overall-status")).toHaveAttribute("data-overall", "operational");
  await expect(pub.getByTestId("public-monitor")).toHaveCount(1);
  await expect(pub.getByTestId("public-monitor")).toContainText("Checkout");
  await expect(pub.getByTestId("incident-history")).toContainText("Checkout");
  const html = await res!.text();
  for (const leak of [SECRET_URL, "origin-7f3a", "s3cret", INTERNAL_NAME, UNLISTED_NAME, unlisted.monitorId, "HTTP 503 from both regions"]) {
    expect(html, leak).not.toContain(leak);
  }
  const axe = await new AxeBuilder({ page: pub }).analyze();
  const serious = axe.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  await screenshot(pub, "status-page-public-desktop");
  await pub.setViewportSize({ width: 390, height: 844 });
  await screenshot(pub, "status-page-public-phone");
  const dark = await browser.newContext({ viewport: { width: 390, height: 844 }, colorScheme: "dark" });
  const darkPage = await dark.newPage();
  await darkPage.goto(`/status/${slug}`);
  await screenshot(darkPage, "status-page-public-phone-dark");
  const darkAxe = await new AxeBuilder({ page: darkPage }).analyze();
  expect(darkAxe.violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => v.id)).toEqual([]);

  // The same data as JSON, and badges only for listed monitors.
  const feed = await pub.request.get(`/status/${slug}/feed.json`);
  expect(feed.status()).toBe(200);
  const feedText = await feed.text();
  expect(JSON.parse(feedText).groups[0].monitors[0].name).toBe("Checkout");
  expect(feedText).not.toContain(INTERNAL_NAME);
  expect(feedText).not.toContain("internal.example");
  const badge = await pub.request.get(`/status/${slug}/badge/${seeded.monitorId}`);
  expect(badge.status()).toBe(200);
  expect(badge.headers()["content-type"]).toContain("image/svg+xml");
  expect((await pub.request.get(`/status/${slug}/badge/${unlisted.monitorId}`)).status()).toBe(404);
  expect((await pub.request.get(`/status/no-such-page-${slug}`)).status()).toBe(404);

  // A spike is answered from the web server's memory; an edit in the app still shows on the next visit.
  const cached = await pub.request.get(`/status/${slug}`);
  expect(cached.headers()["x-cache"]).toBe("HIT");
  await page.goto("/status-pages");
  await page.getByRole("link", { name: "Edit Acme status" }).click();
  // The edit page also holds the form for posting an incident, with its own Title.
  await page.getByTestId("status-page-form").getByLabel("Title").fill("Acme Cloud status");
  await page.getByTestId("save-status-page").click();
  await expect(page).toHaveURL(/\/status-pages\?saved=/);
  await pub.goto(`/status/${slug}`);
  await expect(pub.getByRole("heading", { name: "Acme Cloud status" })).toBeVisible();
  await visitor.close();
  await dark.close();
});

test("pausing a monitor that is down ends its incident as paused, not as a recovery", async ({ page }) => {
  const owner = await createUser();
  const down = await seedDownMonitor(owner.email, { name: "Payments API", url: "https://payments.example.test/health" });
  await signIn(page, owner.email, owner.password);
  await page.goto(`/incidents/${down.incidentId}`);
  await expect(page.getByTestId("incident-page")).toContainText("Open");

  await page.goto(`/monitors/${down.monitorId}/edit`);
  await page.getByTestId("pause-monitor").click();
  await expect(page.getByTestId("resume-monitor")).toBeVisible();
  await page.goto(`/incidents/${down.incidentId}`);
  await expect(page.getByTestId("incident-page")).toContainText("Ended by pause");
  await expect(page.getByTestId("incident-page")).toContainText("Monitor paused");
  await expect(page.getByText("Recovery", { exact: true })).toHaveCount(0);
  await screenshot(page, "incident-ended-by-pause");
});
