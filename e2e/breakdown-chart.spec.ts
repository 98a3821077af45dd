import { expect, test, type Page } from "@playwright/test";
import { screenshot, signIn, createUser } from "./support";
import { seedMonitorHistory } from "./support-seed";

/**
 * The monitor page's response-time breakdown shows the phases the monitor's kind times
 * (MonitorKind.timings): all four for HTTP, lookup and connect for TCP, none for DNS (the query is
 * the whole response time). History is seeded, then read through the real rollups.
 */
test("the breakdown chart shows the timings of the monitor's kind, and none for a DNS monitor", async ({ page }) => {
  const user = await createUser();
  const web = await seedMonitorHistory(user.email, { name: "Checkout API", url: "https://checkout.example.test/health", hours: 24 });
  const tcp = await seedMonitorHistory(user.email, {
    name: "Primary database",
    url: "",
    hours: 24,
    fields: { type: "tcp", url: null, settings: { host: "db.example.test", port: 5432 } },
    unrecorded: ["tls", "ttfb"],
  });
  const dns = await seedMonitorHistory(user.email, {
    name: "Apex A record",
    url: "",
    hours: 24,
    fields: { type: "dns", url: null, settings: { hostname: "example.test", recordType: "A", resolver: null, expectedValues: [] } },
    unrecorded: ["connect", "tls", "ttfb"],
  });
  await signIn(page, user.email, user.password);

  const legend = async (p: Page, monitorId: string) => {
    await p.goto(`/monitors/${monitorId}?range=24h`);
    await expect(p.getByTestId("latency-chart")).toBeVisible();
    return p.getByTestId("breakdown-chart").locator(".recharts-legend-item-text");
  };

  await expect(await legend(page, tcp.monitorId)).toHaveText(["DNS", "Connect"]);
  await expect(page.getByTestId("breakdown-chart")).toHaveAttribute("aria-label", "Response time breakdown: DNS, connect");
  await page.screenshot({ path: "/tmp/monitor-breakdown-tcp.png", fullPage: true });
  await screenshot(page, "monitor-breakdown-tcp");

  await expect(await legend(page, web.monitorId)).toHaveText(["DNS", "Connect", "TLS", "Wait (TTFB)"]);
  await page.screenshot({ path: "/tmp/monitor-breakdown-http.png", fullPage: true });
  await screenshot(page, "monitor-breakdown-http");

  await legend(page, dns.monitorId);
  await expect(page.getByText("Breakdown (all regions)")).toHaveCount(0);
  await expect(page.getByTestId("breakdown-chart")).toHaveCount(0);
});
