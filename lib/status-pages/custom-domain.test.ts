import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, db } from "@/lib/db/client";
import { closeRedis } from "@/lib/redis/client";
import { createTestUser, userCtx } from "@/tests/factories";
import { createCustomDomainRouter, hostName, pagePath, type HostRoute } from "./custom-domain";
import { createStatusPage, updateStatusPage } from "./save-status-page";

const rnd = () => Math.random().toString(36).slice(2, 8);
let ws: string;
let slug: string;
let pageId: string;
let domain: string;
let server: http.Server;
let port: number;
const router = createCustomDomainRouter({ appHost: "vigil.example.com:3000", db: () => db, ttlMs: 60_000 });

/** What server.ts does with a route: the page's URL goes on to the cache/Next (echoed here), the rest is 404. */
function answer(res: http.ServerResponse, r: HostRoute, url: string) {
  if (r.kind === "app") return void res.writeHead(200).end(`app ${url}`);
  if (r.kind === "page") return void res.writeHead(200).end(`page ${r.url}`);
  res.writeHead(r.kind === "unavailable" ? 503 : 404).end("No status page here");
}

function get(host: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: "127.0.0.1", port, path, headers: { host } }, (res) => {
        let body = "";
        res.on("data", (c) => (body += c)).on("end", () => resolve({ status: res.statusCode!, body }));
      })
      .on("error", reject);
  });
}

beforeAll(async () => {
  ws = (await createTestUser()).workspaceId;
  domain = `status-${rnd()}.acme.example`;
  slug = `acme-${rnd()}`;
  pageId = (await createStatusPage(userCtx(db, ws), { slug, title: "Acme", customDomain: domain })).id;
  await createStatusPage(userCtx(db, ws), { slug: `other-${rnd()}`, title: "Other" });
  server = http.createServer(async (req, res) => answer(res, await router.route(req.headers.host, req.url!), req.url!));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.close();
  await closeDb();
  await closeRedis();
});

describe("custom domains by Host", () => {
  it("serves the page, its feeds and badges on its domain (any case, with a port)", async () => {
    expect(await get(domain, "/")).toEqual({ status: 200, body: `page /status/${slug}` });
    expect(await get(domain.toUpperCase() + ":443", "/feed.rss")).toEqual({ status: 200, body: `page /status/${slug}/feed.rss` });
    expect(await get(domain, "/feed.atom")).toEqual({ status: 200, body: `page /status/${slug}/feed.atom` });
    expect(await get(domain, "/badge/0b9c7c1e-8d1f-4a7e-9a55-3f5f0c6b1a2d.svg")).toEqual({
      status: 200,
      body: `page /status/${slug}/badge/0b9c7c1e-8d1f-4a7e-9a55-3f5f0c6b1a2d.svg`,
    });
    expect(await get(domain, `/status/${slug}/feed.json`)).toEqual({ status: 200, body: `page /status/${slug}/feed.json` });
    expect((await get(domain, "/_next/static/css/app.css")).body).toBe("page /_next/static/css/app.css");
  });

  it("never serves another page or the app on a page's domain, and 404s unknown hosts", async () => {
    for (const path of ["/status/other", "/sign-in", "/api/v1/monitors", "/monitors", "/status-pages"]) {
      expect((await get(domain, path)).status, path).toBe(404);
    }
    expect((await get(`unknown-${rnd()}.example.org`, "/")).status).toBe(404);
    expect((await get(`unknown-${rnd()}.example.org`, `/status/${slug}`)).status).toBe(404);
  });

  it("leaves the app's own host, IP addresses and single-label names to the app", async () => {
    expect(await get("vigil.example.com:3000", "/sign-in")).toEqual({ status: 200, body: "app /sign-in" });
    expect(await get("vigil.example.com", "/")).toEqual({ status: 200, body: "app /" });
    expect((await get("127.0.0.1:3000", "/")).body).toBe("app /");
    expect((await get("localhost", "/")).body).toBe("app /");
    expect((await get("[::1]:3000", "/")).body).toBe("app /");
  });

  it("follows a domain moved to nothing once the router forgets (as an edit announcement does)", async () => {
    await updateStatusPage(userCtx(db, ws), pageId, { customDomain: null });
    router.forgetAll();
    expect((await get(domain, "/")).status).toBe(404);
    await updateStatusPage(userCtx(db, ws), pageId, { customDomain: domain });
    router.forgetAll();
    expect((await get(domain, "/")).status).toBe(200);
  });

  it("refuses lookups past the caller's limit without querying", async () => {
    const r = await router.route(`limited-${rnd()}.example.org`, "/", () => false);
    expect(r).toEqual({ kind: "not-found" });
  });
});

describe("host and path helpers", () => {
  it("normalises Host headers", () => {
    expect(hostName("Status.Example.COM:8080")).toBe("status.example.com");
    expect(hostName("status.example.com.")).toBe("status.example.com");
    expect(hostName("[::1]:3000")).toBe("[::1]");
  });
  it("maps only the page's own paths", () => {
    expect(pagePath("acme", "/?ref=x")).toBe("/status/acme?ref=x");
    expect(pagePath("acme", "/status/acme-2")).toBeNull();
    expect(pagePath("acme", "/feed.xml")).toBeNull();
  });
});
