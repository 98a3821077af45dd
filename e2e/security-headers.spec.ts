import { expect, test } from "@playwright/test";
import { db } from "../lib/db/client";
import { securityHeaders } from "../lib/http/security-headers";
import { createStatusPage } from "../lib/status-pages/save-status-page";
import { userCtx } from "../tests/factories";
import { seedMonitorHistory } from "./support-seed";
import { createUser, screenshot, signIn } from "./support";

const expected = (profile: "app" | "status" | "api") => Object.fromEntries(securityHeaders(profile).map(([k, v]) => [k.toLowerCase(), v]));

test("security headers everywhere; the public status page works with no script allowed; app pages still hydrate", async ({ browser, page, request }) => {
  const owner = await createUser();
  const seeded = await seedMonitorHistory(owner.email, { name: "internal-api", url: "https://internal.example.test/health" });
  const slug = `sec-${Date.now().toString(36)}`;
  await createStatusPage(userCtx(db, seeded.workspaceId), { slug, title: "Secure status", monitors: [{ monitorId: seeded.monitorId, displayName: "API" }] });

  // Public status page, served by the web server's cache on a repeat visit: no script may run there.
  const visitor = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const pub = await visitor.newPage();
  const errors: string[] = [];
  pub.on("pageerror", (e) => errors.push(e.message));
  const res = await pub.goto(`/status/${slug}`);
  expect(res?.status()).toBe(200);
  expect(res!.headers()).toMatchObject(expected("status"));
  expect(res!.headers()["strict-transport-security"]).toBeUndefined(); // APP_URL is http here
  await expect(pub.getByRole("heading", { name: "Secure status" })).toBeVisible();
  await expect(pub.getByTestId("public-monitor")).toContainText("API");
  const bars = pub.getByTestId("uptime-bars").first();
  await expect(bars).toBeVisible();
  // Style attributes are allowed (the bars lay themselves out with one), scripts are not.
  expect(await bars.evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(" ").length)).toBeGreaterThan(1);
  expect(await pub.evaluate(() => typeof (window as unknown as { __next_f?: unknown }).__next_f)).toBe("undefined");
  expect(errors).toEqual([]);
  await screenshot(pub, "status-page-csp");
  const again = await pub.request.get(`/status/${slug}`);
  expect(again.headers()["x-cache"]).toBe("HIT");
  expect(again.headers()).toMatchObject(expected("status"));
  await visitor.close();

  // API and ping ingest answers (the latter written by the web server itself, before Next).
  const api = await request.get("/api/v1/monitors");
  expect(api.status()).toBe(401);
  expect(api.headers()).toMatchObject(expected("api"));
  const ping = await request.get("/ping/not-a-real-token-0123456789");
  expect(ping.headers()).toMatchObject(expected("api"));

  // App pages: the policy allows Next's hydration, so client components work.
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await signIn(page, owner.email, owner.password);
  const form = await page.goto("/monitors/new");
  expect(form!.headers()).toMatchObject(expected("app"));
  await page.getByText("Advanced: headers").click();
  const editor = page.getByTestId("headers-editor");
  await editor.getByRole("button", { name: /add/i }).click();
  await expect(editor.getByLabel("Header 1 name")).toBeVisible(); // a client component reacted: hydrated
  await editor.getByLabel("Header 1 name").fill("X-API-Key");
  await editor.getByLabel("Header 1 value").fill("k-123");

  // The monitor's downgrade setting: off by default, saved when ticked.
  const downgrade = page.getByLabel("Allow redirects from https to http");
  await expect(downgrade).not.toBeChecked();
  await page.getByLabel("Name", { exact: true }).fill("Downgrade allowed");
  await page.getByLabel("URL", { exact: true }).fill("https://example.test/");
  await downgrade.check();
  await screenshot(page, "monitor-form-downgrade");
  await page.getByRole("button", { name: "Create monitor" }).click();
  await expect(page).toHaveURL(/\/monitors\?created=/);
  const row = page.getByTestId("monitor-row").filter({ hasText: "https://example.test/" });
  const id = await row.getAttribute("data-monitor-id");
  await page.goto(`/monitors/${id}/edit`);
  await page.getByText("Advanced: headers").click();
  await expect(page.getByLabel("Allow redirects from https to http")).toBeChecked();
  expect(pageErrors).toEqual([]);
});
