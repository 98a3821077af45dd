import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "@playwright/test";
import { adminCli, createUser, screenshot, signIn } from "./support";

/**
 * The worker fleet end to end: the e2e stack runs a worker for eu and one for us. A monitor created
 * through the API is checked from both, an outage opens one incident (confirmed by both regions) that
 * the incidents page lists, recovery resolves it, and the admin Cluster page shows both regions live, and warns
 * that a browser monitor's checks wait with no worker that runs browser checks.
 */
test("checks from two regions open and resolve one incident; the admin sees the cluster", async ({ page, request }) => {
  let down = false;
  const target = http.createServer((_req, res) => res.writeHead(down ? 503 : 200).end(down ? "down" : "ok"));
  await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/`;
  try {
    const admin = await createUser({ admin: true });
    const key = await adminCli("create-api-key", "--email", admin.email);
    const auth = { authorization: `Bearer ${key}` };
    const created = await request.post("/api/v1/monitors", {
      headers: auth,
      data: { type: "http", name: "Fleet e2e", url, intervalSeconds: 2, timeoutSeconds: 1 },
    });
    expect(created.status(), await created.text()).toBe(201);
    const monitor = await created.json();
    // A browser monitor: its checks go to each region's browser lane, which no e2e worker runs (none is started with WORKER_BROWSER=true).
    const browserMonitor = await request.post("/api/v1/monitors", {
      headers: auth,
      data: { type: "browser", name: "Browser lane e2e", url, intervalSeconds: 60 },
    });
    expect(browserMonitor.status(), await browserMonitor.text()).toBe(201);

    await expect
      .poll(
        async () =>
          (await (await request.get(`/api/v1/monitors/${monitor.id}/checks?limit=50`, { headers: auth })).json()).data
            .map((c: { region: string }) => c.region)
            .sort()
            .join(","),
        { timeout: 20_000 },
      )
      .toMatch(/eu.*us/);

    down = true;
    await expect
      .poll(async () => (await (await request.get(`/api/v1/incidents?monitorId=${monitor.id}&status=open`, { headers: auth })).json()).data.length, {
        timeout: 20_000,
      })
      .toBe(1);
    const [incident] = (await (await request.get(`/api/v1/incidents?monitorId=${monitor.id}`, { headers: auth })).json()).data;
    expect(incident.cause).toBe("HTTP 503 from eu, us");

    await signIn(page, admin.email, admin.password);
    await page.goto("/incidents");
    await expect(page.getByTestId("incident-row").filter({ hasText: "Fleet e2e" })).toContainText("HTTP 503 from eu, us");
    await screenshot(page, "incidents-list");

    await page.goto("/admin/cluster");
    await expect(page.getByRole("heading", { name: "Cluster" })).toBeVisible();
    await expect(page.getByTestId("region-eu")).toContainText("1 live worker");
    await expect(page.getByTestId("region-us")).toContainText("1 live worker");
    await expect(page.getByTestId("instance-row")).toHaveCount(2);
    // Checks, as the workers counted them (a queue job may hold a batch of checks): the page refreshes itself.
    await expect(page.getByTestId("region-eu")).toContainText(/[1-9]\d* checks? in the last minute/, { timeout: 15_000 });
    // Each region lists its browser queue beside its default one, with the queue's own counts.
    for (const region of ["eu", "us"]) {
      await expect(page.getByTestId(`queue-${region}-default`)).toContainText("Checks");
      await expect(page.getByTestId(`queue-${region}-browser`)).toContainText("Browser");
      await expect(page.getByTestId(`queue-${region}-browser`).getByRole("rowheader")).toHaveAttribute("title", `{checks-browser-${region}}`);
    }
    // Its jobs wait in both browser lanes with no worker to run them: each region card says so.
    for (const region of ["eu", "us"]) {
      await expect(page.getByTestId(`browser-unserved-${region}`)).toContainText(
        `Browser checks are waiting but no worker in ${region} runs them: start one with WORKER_BROWSER=true.`,
        { timeout: 15_000 },
      );
    }
    await expect(page.getByTestId("instance-browser")).toHaveCount(0);
    await screenshot(page, "admin-cluster");

    down = false;
    await expect
      .poll(async () => (await (await request.get(`/api/v1/incidents?monitorId=${monitor.id}`, { headers: auth })).json()).data[0].status, { timeout: 20_000 })
      .toBe("resolved");
  } finally {
    target.close();
    target.closeAllConnections();
  }
});
