import net from "node:net";
import { expect, test } from "@playwright/test";
import { startDnsResponder, type DnsZone } from "../tests/dns-responder";
import { createUser, screenshot, signIn } from "./support";

/** TCP and DNS monitors made through the form, checked from every region with "Check now", filtered by kind. */
test("a user creates TCP and DNS monitors through the form, checks them now and filters the list by kind", async ({ page }) => {
  test.setTimeout(120_000);
  const listener = net.createServer((s) => s.end());
  await new Promise<void>((r) => listener.listen(0, "127.0.0.1", r));
  const tcpPort = (listener.address() as net.AddressInfo).port;
  const zone: DnsZone = new Map([["app.vigil.test|A", [{ type: "A", value: "192.0.2.10" }]]]);
  const dns = await startDnsResponder(zone);

  try {
    const user = await createUser();
    await signIn(page, user.email, user.password);

    // The form offers every kind, each with its one-line explanation.
    await page.goto("/monitors/new");
    const form = page.getByTestId("monitor-form");
    for (const name of ["HTTP", "Heartbeat", "TCP port", "DNS record"]) await expect(form.getByRole("radio", { name: new RegExp(`^${name}`) })).toBeVisible();
    await form.getByRole("radio", { name: /^TCP port/ }).check();
    await expect(form.getByTestId("tcp-fields")).toBeVisible();
    await page.screenshot({ path: "/tmp/new-monitor-tcp.png", fullPage: true });
    await screenshot(page, "monitor-form-tcp");

    // Bad input is named inline; what was typed stays.
    await form.getByLabel("Name", { exact: true }).fill("Primary database");
    await form.getByLabel("Host", { exact: true }).fill("https://db.example.com");
    await form.getByLabel("Port", { exact: true }).fill("0");
    await form.getByRole("button", { name: "Create monitor" }).click();
    await expect(page.locator("#host-error")).toContainText("not a URL");
    await expect(page.locator("#port-error")).toHaveText("Port must be from 1 to 65535");
    await expect(form.getByRole("radio", { name: /^TCP port/ })).toBeChecked();
    await form.getByLabel("Host", { exact: true }).fill("127.0.0.1");
    await form.getByLabel("Port", { exact: true }).fill(String(tcpPort));
    await form.getByRole("button", { name: "Create monitor" }).click();
    await expect(page).toHaveURL(/\/monitors\?created=/);
    const tcpRow = page.getByTestId("monitor-row").filter({ hasText: "Primary database" });
    await expect(tcpRow.getByTestId("monitor-target")).toHaveText(`127.0.0.1:${tcpPort}`);

    // Check now: one check in each region, shown beside the button.
    await tcpRow.getByTestId("monitor-name").click();
    await page.getByTestId("check-now").click();
    const tcpResult = page.getByTestId("check-now-result");
    await expect(tcpResult).toContainText("eu up", { timeout: 20_000 });
    await expect(tcpResult).toContainText("us up");
    await page.screenshot({ path: "/tmp/monitor-tcp-check-now.png", fullPage: true });

    // A DNS monitor against the local responder.
    await page.goto("/monitors/new");
    await form.getByRole("radio", { name: /^DNS record/ }).check();
    await form.getByLabel("Name", { exact: true }).fill("App A record");
    await form.getByLabel("Hostname", { exact: true }).fill("app.vigil.test");
    await form.getByLabel("Record type", { exact: true }).selectOption("A");
    await form.getByLabel("Expected values", { exact: true }).fill("192.0.2.10");
    await form.getByLabel("Resolver", { exact: true }).fill("dns.example");
    await form.getByRole("button", { name: "Create monitor" }).click();
    await expect(page.locator("#resolver-error")).toContainText("IP address");
    await form.getByLabel("Resolver", { exact: true }).fill(`127.0.0.1:${dns.port}`);
    await page.screenshot({ path: "/tmp/new-monitor-dns.png", fullPage: true });
    await form.getByRole("button", { name: "Create monitor" }).click();
    await expect(page).toHaveURL(/\/monitors\?created=/);
    const dnsRow = page.getByTestId("monitor-row").filter({ hasText: "App A record" });
    await expect(dnsRow.getByTestId("monitor-target")).toHaveText(`A app.vigil.test @127.0.0.1:${dns.port}`);

    await dnsRow.getByTestId("monitor-name").click();
    await page.getByTestId("check-now").click();
    await expect(page.getByTestId("check-now-result")).toContainText("eu up", { timeout: 20_000 });
    await expect(page.getByTestId("check-now-result")).toContainText("192.0.2.10");
    // The answer changes: the expected value is missing, the check says so.
    zone.set("app.vigil.test|A", [{ type: "A", value: "203.0.113.5" }]);
    await page.getByRole("button", { name: "Close" }).click();
    await page.getByTestId("check-now").click();
    await expect(page.getByTestId("check-now-result")).toContainText("eu down", { timeout: 20_000 });
    await expect(page.getByTestId("check-now-result")).toContainText("203.0.113.5");
    await page.reload();
    await expect(page.getByTestId("latest-checks").getByTestId("dns-answers").first()).toContainText("203.0.113.5");
    await page.screenshot({ path: "/tmp/monitor-dns.png", fullPage: true });

    // The list filters by kind.
    await page.goto("/monitors?type=dns");
    await expect(page.getByTestId("monitor-row")).toHaveCount(1);
    await expect(page.getByTestId("monitor-row")).toContainText("App A record");
    await page.goto("/monitors?type=tcp");
    await expect(page.getByTestId("monitor-row")).toHaveCount(1);
    await expect(page.getByTestId("monitor-row")).toContainText("Primary database");
    await page.screenshot({ path: "/tmp/monitors-filter-tcp.png", fullPage: true });
  } finally {
    listener.close();
    await dns.close();
  }
});
