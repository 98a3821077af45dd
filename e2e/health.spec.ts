import { expect, test } from "@playwright/test";

test("the stack is healthy and the landing page renders", async ({ page, request }) => {
  const health = await request.get("/api/health");
  expect(health.status()).toBe(200);
  expect((await health.json()).status).toBe("ok");
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
