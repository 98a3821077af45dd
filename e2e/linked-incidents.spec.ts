import { sql } from "drizzle-orm";
import { expect, test } from "@playwright/test";
import { systemCtx } from "../lib/context";
import { db } from "../lib/db/client";
import { incidents } from "../lib/db/schema";
import { createStatusPage } from "../lib/status-pages/save-status-page";
import { seedMonitorHistory } from "./support-seed";
import { createUser, signIn } from "./support";

test("an automatic incident linked to a posted one is told under it on the public page, not on its own", async ({ page }) => {
  const owner = await createUser();
  const seeded = await seedMonitorHistory(owner.email, { name: "checkout-api-internal", url: "https://origin.internal.example/health" });
  await db.execute(sql`update monitors set paused = false, pause_history = '[]', status = 'down' where id = ${seeded.monitorId}`);
  await db.insert(incidents).values({
    workspaceId: seeded.workspaceId,
    monitorId: seeded.monitorId,
    cause: "GET https://origin.internal.example/health returned 503",
    errorClass: "status",
    statusCode: 503,
    startedAt: new Date(Date.now() - 12 * 60_000),
  });
  const slug = `link-${Date.now().toString(36)}`;
  await createStatusPage(systemCtx(db, seeded.workspaceId), { slug, title: "Acme", monitors: [{ monitorId: seeded.monitorId, displayName: "Checkout" }] });
  await signIn(page, owner.email, owner.password);
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.goto("/status-pages");
  await page.getByRole("link", { name: /Edit/ }).first().click();
  const form = page.getByTestId("incident-form");
  await form.getByLabel("Title").fill("Checkout failing for some card payments");
  await form.getByLabel("Impact").selectOption("major");
  await form.getByLabel("Checkout", { exact: true }).check();
  await form.getByTestId("linkable-incidents").getByRole("checkbox").first().check(); // newest first: the one inserted above
  await form.getByLabel("Message").fill("Our payment provider is returning errors. We are working with them.");
  await form.getByRole("button", { name: "Post incident" }).click();
  const row = page.getByTestId("posted-incident-row").first();
  await expect(row.getByTestId("linked-incidents")).toContainText("Checkout · detected");
  await row.getByText(/Link automatic incidents/).click();
  await page.getByTestId("incidents-panel").screenshot({ path: "/tmp/linked-incidents-editor.png" });

  await page.goto(`/status/${slug}`);
  await expect(page.getByTestId("detected-automatically")).toContainText("Returning errors (HTTP 503) — detected automatically at");
  await expect(page.getByTestId("posted-incident")).toHaveCount(1);
  await page.screenshot({ path: "/tmp/linked-incidents-public.png", fullPage: true });
});
