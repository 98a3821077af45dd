import { expect, test } from "@playwright/test";
import { systemCtx } from "../lib/context";
import { db } from "../lib/db/client";
import { users, memberships } from "../lib/db/schema";
import { createMonitor } from "../lib/monitors";
import { eq } from "drizzle-orm";
import { createUser, screenshot, signIn, waitForMail } from "./support";

test("a failed cron job's alert email carries its exit code and output and a link that acknowledges the incident without signing in", async ({
  page,
  browser,
  request,
}) => {
  const owner = await createUser();
  const [member] = await db
    .select({ workspaceId: memberships.workspaceId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(users.email, owner.email));
  const job = await createMonitor(systemCtx(db, member.workspaceId), { type: "heartbeat", name: "Nightly export", periodSeconds: 3600, graceSeconds: 600 });

  // The job fails with exit code 3 and says why.
  expect((await request.post(`/ping/${job.pingToken}/3`, { data: "pg_dump: error: connection refused" })).status()).toBe(200);
  const mail = await waitForMail(owner.email, (m) => m.subject.includes("DOWN") && m.subject.includes("Nightly export"), 20_000);
  expect(mail.text).toContain("Exit code: 3");
  expect(mail.text).toContain("Output: pg_dump: error: connection refused");
  const ackUrl = /Acknowledge \(stops reminders\): (\S+)/.exec(mail.text)?.[1];
  expect(ackUrl).toMatch(/\/ack\/[0-9a-f-]{36}\.\d+\.[A-Za-z0-9_-]+$/);

  // Someone on call opens the link in a browser that is not signed in: looking changes nothing.
  const anon = await browser.newPage();
  await anon.goto(new URL(ackUrl!).pathname);
  await expect(anon.getByTestId("ack-page")).toContainText("Nightly export");
  await expect(anon.getByTestId("ack-button")).toBeVisible();
  await screenshot(anon, "ack-link");
  await anon.getByTestId("ack-button").click();
  await expect(anon.getByTestId("ack-done")).toContainText("Acknowledged by email link");
  await screenshot(anon, "ack-link-done");
  // A tampered link acknowledges nothing.
  await anon.goto(new URL(ackUrl!).pathname.replace(/.$/, (c) => (c === "A" ? "B" : "A")));
  await expect(anon.getByTestId("ack-page")).toContainText("not valid");
  await anon.close();

  // The incident page shows who acknowledged and what the job said.
  await signIn(page, owner.email, owner.password);
  await page.goto(/\/incidents\/[0-9a-f-]{36}/.exec(mail.text)![0]);
  await expect(page.getByTestId("acknowledged-by")).toContainText("by email link");
  await expect(page.getByTestId("acknowledge")).toHaveCount(0);
  await expect(page.getByTestId("heartbeat-failure")).toContainText("exit code 3");
  await expect(page.getByTestId("ping-body")).toHaveText("pg_dump: error: connection refused");
  await screenshot(page, "incident-acknowledged");
});

test("the incident page's Acknowledge button records the signed-in user", async ({ page, request }) => {
  const owner = await createUser();
  const [member] = await db
    .select({ workspaceId: memberships.workspaceId })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(users.email, owner.email));
  const job = await createMonitor(systemCtx(db, member.workspaceId), { type: "heartbeat", name: "Hourly sync", periodSeconds: 3600, graceSeconds: 600 });
  expect((await request.post(`/ping/${job.pingToken}/fail`)).status()).toBe(200);
  const mail = await waitForMail(owner.email, (m) => m.subject.includes("DOWN") && m.subject.includes("Hourly sync"), 20_000);
  await signIn(page, owner.email, owner.password);
  await page.goto(/\/incidents\/[0-9a-f-]{36}/.exec(mail.text)![0]);
  await expect(page.getByTestId("acknowledge")).toBeVisible();
  await screenshot(page, "incident-open");
  await page.getByTestId("acknowledge").click();
  await expect(page.getByTestId("acknowledged-by")).toContainText(`by ${owner.email}`);
});
