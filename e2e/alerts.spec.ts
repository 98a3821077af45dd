import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { verifyWebhookSignature } from "../lib/alerts/signature";
import { createUser, darkScreenshot, screenshot, signIn, uniqueEmail, waitForMail } from "./support";

type Received = { headers: IncomingHttpHeaders; body: string };

/** A local webhook receiver that records every request (the e2e stack runs with CHECKS_ALLOW_PRIVATE=true). */
async function startReceiver(): Promise<{ url: string; received: Received[]; close: () => Promise<void> }> {
  const received: Received[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/hooks/vigil`, received, close: () => new Promise((r) => server.close(() => r())) };
}

const SIGNING_SECRET = "e2e-signing-secret-3f9a";

test("channels of several types: add with inline errors, send a signed test to a webhook, confirm an email address, edit keeping the secret, mute", async ({
  page,
}) => {
  const receiver = await startReceiver();
  try {
    const owner = await createUser();
    await signIn(page, owner.email, owner.password);
    await page.goto("/alerts");
    // The owner's own address is the default channel, confirmed.
    await expect(page.getByTestId("alert-channel").filter({ hasText: owner.email })).toBeVisible();

    const form = page.getByTestId("channel-form");
    await form.getByTestId("channel-type").selectOption("webhook");
    await form.getByLabel("Webhook URL").fill("ftp://example.com/hook");
    await form.getByTestId("channel-submit").click();
    await expect(page.locator("#target-error")).toHaveText("Webhook URL must start with http:// or https://");

    await form.getByLabel("Name", { exact: true }).fill("Local receiver");
    await form.getByLabel("Webhook URL").fill(receiver.url);
    await form.getByLabel("Signing secret").fill(SIGNING_SECRET);
    await form.getByRole("button", { name: "Add header" }).click();
    await form.getByLabel("Header 1 name").fill("X-Team");
    await form.getByLabel("Header 1 value").fill("ops");
    await form.getByTestId("channel-submit").click();
    await expect(form.getByText("Channel added.")).toBeVisible();
    const hook = page.getByTestId("alert-channel").filter({ hasText: "Local receiver" });
    await expect(hook).toContainText(receiver.url);

    // Send test → the fleet delivers one signed POST to the receiver.
    await hook.getByTestId("channel-test").click();
    await expect(hook.getByTestId("channel-note")).toHaveText(/Test queued/);
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const first = receiver.received[0];
    expect(first.headers["vigil-event"]).toBe("test");
    expect(first.headers["x-team"]).toBe("ops");
    expect(verifyWebhookSignature(first.headers["vigil-signature"] as string, first.body, SIGNING_SECRET)).toEqual({ ok: true });
    expect(JSON.parse(first.body)).toMatchObject({ event: "test", deliveryId: first.headers["vigil-delivery"] });

    // More types, for the list: each form follows its type.
    await form.getByTestId("channel-type").selectOption("slack");
    await form.getByLabel("Name", { exact: true }).fill("#ops on Slack");
    await form.getByLabel("Incoming webhook URL").fill("https://hooks.slack.com/services/T000/B000/XXXX");
    await form.getByTestId("channel-submit").click();
    await expect(page.getByTestId("alert-channel").filter({ hasText: "#ops on Slack" })).toBeVisible();

    await form.getByTestId("channel-type").selectOption("telegram");
    await form.getByLabel("Chat id").fill("-1001234567890");
    await form.getByTestId("channel-submit").click();
    await expect(page.locator("#secret\\.botToken-error")).toHaveText("Bot token is required");
    await form.getByLabel("Bot token").fill("123456789:AAbbccddeeffgghhiijjkkllmmnnoopp");
    await form.getByTestId("channel-submit").click();
    await expect(page.getByTestId("alert-channel").and(page.locator('[data-type="telegram"]'))).toBeVisible();

    await form.getByTestId("channel-type").selectOption("pagerduty");
    await form.getByLabel("Name", { exact: true }).fill("On-call rotation");
    await form.getByLabel("Routing key").fill("R0123456789abcdef0123456789ABCDE");
    await form.getByTestId("channel-submit").click();
    await expect(page.getByTestId("alert-channel").filter({ hasText: "On-call rotation" })).toContainText("routing key set");

    // An address that isn't a member's waits for its emailed link.
    const stranger = uniqueEmail("oncall");
    await form.getByTestId("channel-type").selectOption("email");
    await form.getByLabel("Email address").fill(stranger);
    await form.getByTestId("channel-submit").click();
    const pending = page.getByTestId("alert-channel").filter({ hasText: stranger });
    await expect(pending).toContainText("awaiting confirmation");
    await expect(pending.getByTestId("channel-test")).toHaveCount(0);
    await page.getByTestId("alert-channel").filter({ hasText: "#ops on Slack" }).getByTestId("channel-mute").click();
    await expect(page.getByTestId("alert-channel").filter({ hasText: "#ops on Slack" })).toContainText("muted");

    await screenshot(page, "alerts-channels");
    await darkScreenshot(page, "alerts-channels-dark");

    const mail = await waitForMail(stranger, (m) => /Confirm Vigil alerts/.test(m.subject));
    const link = /https?:\/\/\S+\/alerts\/confirm\/[A-Za-z0-9_-]+/.exec(mail.text)![0];
    // Opening the link (as a mail scanner would) confirms nothing; the button does.
    const visitor = await page.context().browser()!.newContext();
    const confirmPage = await visitor.newPage();
    await confirmPage.goto(link);
    await expect(confirmPage.getByText(stranger)).toBeVisible();
    await page.reload();
    await expect(page.getByTestId("alert-channel").filter({ hasText: stranger })).toContainText("awaiting confirmation");
    await screenshot(confirmPage, "alerts-confirm");
    await confirmPage.getByTestId("confirm-alert-email").click();
    await expect(confirmPage.getByRole("heading", { name: "Address confirmed" })).toBeVisible();
    await confirmPage.goto(link);
    await expect(confirmPage.getByRole("heading", { name: "This link doesn’t work" })).toBeVisible();
    await visitor.close();
    await page.reload();
    await expect(page.getByTestId("alert-channel").filter({ hasText: stranger })).not.toContainText("awaiting confirmation");

    // Edit: the secret field says it is set; leaving it empty keeps it (the next test is signed with it).
    await page.getByTestId("alert-channel").filter({ hasText: "Local receiver" }).getByTestId("channel-edit").click();
    await expect(form.getByText("Set — leave empty to keep it.")).toBeVisible();
    await form.getByLabel("Name", { exact: true }).fill("Local receiver (renamed)");
    await screenshot(page, "alerts-edit");
    await form.getByTestId("channel-submit").click();
    await expect(page.getByText("Channel saved.")).toBeVisible();
    const renamed = page.getByTestId("alert-channel").filter({ hasText: "Local receiver (renamed)" });
    await renamed.getByTestId("channel-test").click();
    await expect.poll(() => receiver.received.length, { timeout: 30_000 }).toBeGreaterThan(1);
    const second = receiver.received[1];
    expect(verifyWebhookSignature(second.headers["vigil-signature"] as string, second.body, SIGNING_SECRET)).toEqual({ ok: true });
    expect(second.headers["vigil-delivery"]).not.toBe(first.headers["vigil-delivery"]);
    await page.reload();
    await expect(renamed.getByTestId("channel-last-delivery")).toContainText(/delivered/);
  } finally {
    await receiver.close();
  }
});

test("a monitor is muted and unmuted from its page and the list; it shows a muted badge; the reminder interval is set in the form", async ({ page }) => {
  const owner = await createUser();
  await signIn(page, owner.email, owner.password);
  await page.goto("/monitors/new");
  await page.getByText("Heartbeat", { exact: true }).click();
  const form = page.getByTestId("monitor-form");
  await form.getByLabel("Name", { exact: true }).fill("Nightly export");
  await form.getByLabel("Remind while down").selectOption({ label: "Every 30 minutes" });
  await page.getByRole("button", { name: "Create monitor" }).click();
  await expect(page).toHaveURL(/\/monitors\/[0-9a-f-]{36}\/edit\?created=1$/);
  const id = /\/monitors\/([0-9a-f-]{36})\//.exec(page.url())![1];
  await expect(page.getByLabel("Remind while down")).toHaveValue("30");

  await page.goto(`/monitors/${id}`);
  await page.getByTestId("mute-monitor").click();
  await expect(page.getByTestId("monitor-muted")).toBeVisible();
  await expect(page.getByTestId("unmute-monitor")).toBeVisible();
  await screenshot(page, "monitor-muted");

  await page.goto("/monitors");
  const row = page.getByTestId("monitor-row").filter({ hasText: "Nightly export" });
  await expect(row.getByText("muted", { exact: true })).toBeVisible();
  await row.getByTestId("unmute-monitor").click();
  await expect(row.getByText("muted", { exact: true })).toHaveCount(0);
  await expect(row.getByTestId("mute-monitor")).toBeVisible();
});
