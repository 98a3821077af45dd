import { existsSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db/client";
import { checkResults, checkScreenshots } from "@/lib/db/schema";
import { ValidationError } from "@/lib/errors";
import { createMonitor, toApiMonitor, updateMonitor } from "@/lib/monitors";
import { checkRunner } from "@/lib/monitors/kinds/registry";
import { CheckQueues } from "@/lib/queue/check-queues";
import { closeRedis } from "@/lib/redis/client";
import { Schedule } from "@/lib/scheduler/schedule";
import { createTestUser, userCtx } from "@/tests/factories";
import { isolatePrefix, testContext, waitFor } from "@/tests/helpers";
import { createChecksModule } from "./modules/checks";

const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const iso = isolatePrefix("browser-checks");
let site: http.Server;
let port: number;
let workspaceId: string;
let queues: CheckQueues;
let running: { close(): Promise<void> } | undefined;

beforeAll(async () => {
  site = http.createServer((q, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    if (q.url === "/late")
      return res.end(`<h1>Shop</h1><script>setTimeout(() => document.body.insertAdjacentHTML("beforeend", "<p>Checkout ready</p>"), 500)</script>`);
    res.end("<h1>Shop</h1><p>Something went wrong</p>");
  });
  await new Promise<void>((r) => site.listen(0, "127.0.0.1", r));
  port = (site.address() as AddressInfo).port;
  ({ workspaceId } = await createTestUser());
  queues = new CheckQueues();
});
afterAll(async () => {
  await running?.close();
  await queues?.close();
  await new Promise((r) => site?.close(r));
  await iso.cleanup();
  await closeRedis();
  await closeDb();
});

describe("browser monitors", () => {
  it("bad input: an interval under 60 s, a timeout over 120 s, a multi-line selector", async () => {
    const ctx = userCtx(db, workspaceId);
    const fields = async (input: Record<string, unknown>) =>
      createMonitor(ctx, { type: "browser", name: "Login", url: "https://example.com/login", ...input }).then(
        () => null,
        (err) => (err instanceof ValidationError ? err.fields : Promise.reject(err)),
      );
    expect(await fields({ intervalSeconds: 30 })).toEqual({ intervalSeconds: expect.stringContaining("at least 60 seconds") });
    expect(await fields({ intervalSeconds: 600, timeoutSeconds: 300 })).toEqual({ timeoutSeconds: expect.stringContaining("at most 120") });
    expect(await fields({ waitForSelector: "#a\n#b" })).toEqual({ waitForSelector: "Selector must be on one line" });
    expect(await fields({ keyword: "x" })).toEqual({ keyword: expect.any(String) });
    // A PATCH is held to the same rule.
    const m = await createMonitor(ctx, { type: "browser", name: "Login", url: "https://example.com/login" });
    await expect(updateMonitor(ctx, m.id, { intervalSeconds: 30 })).rejects.toMatchObject({
      fields: { intervalSeconds: expect.stringContaining("at least 60 seconds") },
    });
  });

  it("API shape: url, selector, text, interval (default 5 min) and a 30 s timeout", async () => {
    const m = await createMonitor(userCtx(db, workspaceId), { type: "browser", name: "Login", url: "https://example.com/login", waitForText: "Sign in" });
    expect(toApiMonitor(m)).toMatchObject({
      type: "browser",
      url: "https://example.com/login",
      waitForSelector: null,
      waitForText: "Sign in",
      intervalSeconds: 300,
      timeoutSeconds: 30,
    });
  });

  it("the scheduler puts browser monitors in the browser lane, others in the default one", () => {
    const s = new Schedule(["eu"]);
    s.upsert({ id: "00000000-0000-4000-8000-000000000001", type: "browser", paused: false, intervalSeconds: 60, regions: [] }, 0);
    s.upsert({ id: "00000000-0000-4000-8000-000000000002", type: "http", paused: false, intervalSeconds: 60, regions: [] }, 0);
    const lanes = Object.fromEntries(s.takeDue(10 * 60_000, 10 * 60_000).map((d) => [d.monitorId.slice(-1), d.lane]));
    expect(lanes).toEqual({ "1": "browser", "2": "default" });
  });

  (existsSync(chromium) ? it : it.skip)(
    "a browser-lane worker runs the checks: a passing page stores its timings, a failing one its screenshot",
    async () => {
      running = await createChecksModule({
        lane: "browser",
        regions: ["eu"],
        runCheck: checkRunner({ allowPrivate: false, allowHosts: [`127.0.0.1:${port}`], appUrl: "http://vigil.test" }),
      }).start(testContext("eu"));
      const ctx = userCtx(db, workspaceId);
      const good = await createMonitor(ctx, {
        type: "browser",
        name: "Checkout",
        url: `http://127.0.0.1:${port}/late`,
        waitForText: "Checkout ready",
        intervalSeconds: 60,
        timeoutSeconds: 10,
      });
      const bad = await createMonitor(ctx, {
        type: "browser",
        name: "Broken",
        url: `http://127.0.0.1:${port}/broken`,
        waitForText: "Checkout ready",
        intervalSeconds: 60,
        timeoutSeconds: 3,
        failureThreshold: 5,
      });
      const slot = Date.now();
      await queues.enqueue([good, bad].map((m) => ({ monitorId: m.id, region: "eu", slot, kind: "slot" as const, lane: "browser" as const })));
      const rowOf = (id: string) => db.select().from(checkResults).where(eq(checkResults.monitorId, id));
      const [ok] = await waitFor(async () => ((await rowOf(good.id)).length ? rowOf(good.id) : null), 30_000, "passing result");
      expect(ok).toMatchObject({ ok: true, statusCode: 200, errorClass: null });
      expect((ok.detail as { browser: { lcpMs: number; loadMs: number } }).browser.loadMs).toBeGreaterThan(0);
      const [failed] = await waitFor(async () => ((await rowOf(bad.id)).length ? rowOf(bad.id) : null), 30_000, "failing result");
      expect(failed).toMatchObject({ ok: false, errorClass: "keyword", error: 'Text "Checkout ready" did not appear within 3 s' });
      const shots = await waitFor(
        async () => {
          const rows = await db.select().from(checkScreenshots).where(eq(checkScreenshots.monitorId, bad.id));
          return rows.length ? rows : null;
        },
        10_000,
        "screenshot",
      );
      expect(shots[0]).toMatchObject({ region: "eu", error: failed.error });
      expect(shots[0].image.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      expect(await db.select().from(checkScreenshots).where(eq(checkScreenshots.monitorId, good.id))).toEqual([]);
    },
    60_000,
  );
});
