import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { systemCtx } from "../lib/context";
import { db } from "../lib/db/client";
import { openIncident } from "../lib/incidents/open-incident";
import { resolveIncident } from "../lib/incidents/resolve-incident";
import { insertMonitor } from "../lib/rollups/seed";
import { createStatusPage } from "../lib/status-pages/save-status-page";
import { seedMonitor, seedMonitorHistory } from "./support-seed";
import { createUser, signIn } from "./support";

/**
 * Status pages against the real web server (server.ts: response cache, Host routing) and Next build, with the
 * real Redis change feed: freshness after an idle spell and on a status change, branding in both themes
 * (axe + screenshots), the per-day history, feeds and title. Screenshots go to /tmp/status-*.png too.
 */
const shot = async (page: Page, name: string) => {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
  await page.screenshot({ path: `/tmp/${name}.png`, fullPage: true });
};
const overall = async (page: Page, path: string) => {
  const res = await page.request.get(path);
  return /data-overall="(\w+)"/.exec(await res.text())?.[1];
};
const seriousViolations = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);

test("a status change reaches the first visitor after an idle spell, and every visitor within seconds", async ({ page }) => {
  test.setTimeout(90_000);
  const owner = await createUser();
  const { workspaceId } = await seedMonitor(owner.email, { name: "anchor", url: "https://anchor.example.test/" });
  // A heartbeat monitor without a deadline: neither the checks nor the deadline sweep touch it on their own.
  const m = await insertMonitor(db, { workspaceId, name: "api-internal", type: "heartbeat", url: null, periodSeconds: 3600, graceSeconds: 60, status: "up" });
  const slug = `fresh-${Date.now().toString(36)}`;
  await createStatusPage(systemCtx(db, workspaceId, "e2e"), { slug, title: "Fresh", monitors: [{ monitorId: m.id, displayName: "API" }] });
  const path = `/status/${slug}`;

  expect(await overall(page, path)).toBe("operational");
  expect((await page.request.get(path)).headers()["x-cache"]).toBe("HIT");
  // Idle for longer than every lifetime (response copy ≤ 7 s, data ≤ 2 s): nobody refreshes anything meanwhile.
  await page.waitForTimeout(10_000);
  const changed = Date.now();
  await openIncident(db, { workspaceId, monitorId: m.id, cause: "no ping", regions: [], errorClass: "late" });
  expect(await overall(page, path)).toBe("major"); // the very first request after the change
  expect(Date.now() - changed).toBeLessThan(10_000);

  // Warm again (a fresh copy), then resolve: the fleet's announcement drops the copy long before it expires.
  expect((await page.request.get(path)).headers()["x-cache"]).toBe("HIT");
  const t0 = Date.now();
  await resolveIncident(db, { monitorId: m.id });
  await expect.poll(() => overall(page, path), { timeout: 10_000, intervals: [100] }).toBe("operational");
  expect(Date.now() - t0).toBeLessThan(2_500);
});

test("a branded page in both themes: accent with readable text, footer links, day history, feeds, natural title", async ({ browser, page }) => {
  test.setTimeout(90_000);
  const owner = await createUser();
  const seeded = await seedMonitorHistory(owner.email, { name: "checkout-internal", url: "https://checkout.internal.example/", hours: 30 });
  const ctx = systemCtx(db, seeded.workspaceId, "e2e");
  const base = {
    title: "Acme status",
    description: "Live status of Acme's services.",
    accentColor: "#1d4ed8",
    footerLinks: [
      { label: "Acme home", url: "https://acme.example" },
      { label: "Support", url: "https://acme.example/support" },
    ],
    hidePoweredBy: true,
    monitors: [{ monitorId: seeded.monitorId, displayName: "Checkout" }],
  };
  const light = `brand-l-${Date.now().toString(36)}`;
  const dark = `brand-d-${Date.now().toString(36)}`;
  await createStatusPage(ctx, { ...base, slug: light, theme: "light" });
  await createStatusPage(ctx, { ...base, slug: dark, theme: "dark", accentColor: "#fde68a" });

  for (const [slug, theme] of [
    [light, "light"],
    [dark, "dark"],
  ] as const) {
    const visitor = await browser.newContext({ viewport: { width: 1100, height: 900 }, colorScheme: theme === "dark" ? "light" : "dark" }); // the page's theme wins over the system's
    const pub = await visitor.newPage();
    await pub.goto(`/status/${slug}`);
    await expect(pub).toHaveTitle("Acme status");
    await expect(pub.locator('link[rel="alternate"][type="application/rss+xml"]')).toHaveAttribute("href", `/status/${slug}/feed.rss`);
    await expect(pub.locator('link[rel="alternate"][type="application/atom+xml"]')).toHaveAttribute("href", `/status/${slug}/feed.atom`);
    await expect(pub.locator(".sp")).toHaveAttribute("data-theme", theme);
    await expect(pub.getByTestId("footer-links").getByRole("link", { name: "Support" })).toHaveAttribute("href", "https://acme.example/support");
    await expect(pub.getByText("Powered by Vigil")).toHaveCount(0);
    const banner = pub.getByTestId("overall-status");
    await expect(banner).toHaveCSS("background-color", theme === "light" ? "rgb(29, 78, 216)" : "rgb(253, 230, 138)");
    await expect(banner).toHaveCSS("color", theme === "light" ? "rgb(255, 255, 255)" : "rgb(15, 23, 42)");
    expect(await seriousViolations(pub)).toEqual([]);
    await shot(pub, `status-branded-${theme}`);

    // The day with the seeded 20-minute incident: a <details> that opens without JavaScript.
    const day = pub.getByTestId("day-details").last();
    await day.locator("summary").click();
    await expect(day.getByTestId("day-details-panel")).toBeVisible();
    await expect(day.getByTestId("day-details-panel")).toContainText("Returning errors (HTTP 503)");
    await expect(day.getByTestId("day-details-panel")).toContainText("down 20m");
    expect(await seriousViolations(pub)).toEqual([]);
    await shot(pub, `status-day-details-${theme}`);
    await visitor.close();
  }

  // Feeds beside feed.json, from the response cache like the page.
  const rss = await page.request.get(`/status/${light}/feed.rss`);
  expect(rss.status()).toBe(200);
  expect(rss.headers()["content-type"]).toContain("application/rss+xml");
  expect(await rss.text()).toContain("<title>Resolved: Checkout — Returning errors (HTTP 503)</title>");
  expect((await page.request.get(`/status/${light}/feed.rss`)).headers()["x-cache"]).toBe("HIT");
  const atom = await page.request.get(`/status/${light}/feed.atom`);
  expect(atom.headers()["content-type"]).toContain("application/atom+xml");
  expect(await atom.text()).toContain(`<link rel="self" type="application/atom+xml" href="${process.env.E2E_BASE_URL}/status/${light}/feed.atom"/>`);
  expect(await atom.text()).not.toContain("checkout.internal.example");

  // The editor previews the look before saving, and refuses a colour no text can be read on.
  await signIn(page, owner.email, owner.password);
  await page.goto("/status-pages");
  await page.getByRole("link", { name: "Edit Acme status" }).first().click();
  const preview = page.getByTestId("branding-preview");
  await page.getByRole("textbox", { name: "Accent colour", exact: true }).fill("#b91c1c");
  await expect(preview.locator(".sp-banner-operational")).toHaveCSS("background-color", "rgb(185, 28, 28)");
  await page.getByLabel("Theme").selectOption("dark");
  await expect(page.locator(".sp-preview")).toHaveAttribute("data-theme", "dark");
  await page.getByTestId("branding-fields").scrollIntoViewIfNeeded();
  await page.getByTestId("branding-fields").screenshot({ path: "/tmp/status-branding-editor.png" });
  await page.getByRole("textbox", { name: "Accent colour", exact: true }).fill("#777777");
  await expect(page.getByText("Neither white nor dark text is readable on this colour")).toBeVisible();
  await page.getByTestId("save-status-page").click();
  await expect(page.locator("#accentColor-error")).toContainText("4.5:1");
});
