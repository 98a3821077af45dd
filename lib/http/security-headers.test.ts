import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSecurityHeaderSetter, nextHeaderRules, profileFor, securityHeaders } from "./security-headers";

const asMap = (pairs: [string, string][]) => Object.fromEntries(pairs.map(([k, v]) => [k.toLowerCase(), v]));
const directives = (policy: string) => Object.fromEntries(policy.split("; ").map((d) => [d.split(" ")[0], d.slice(d.indexOf(" ") + 1)]));

describe("profileFor", () => {
  it.each([
    ["/", "app"],
    ["/monitors/1", "app"],
    ["/sign-in?callbackUrl=%2F", "app"],
    ["/api/auth/session", "app"], // next-auth may answer with HTML
    ["/api/health", "app"],
    ["/status/demo", "status"],
    ["/status/demo/feed.json", "status"],
    ["/status/demo/badge/abc.svg", "status"],
    ["/statuses", "app"],
    ["/api/v1/monitors", "api"],
    ["/api/v1", "api"],
    ["/ping/abc123", "api"],
    [undefined, "app"],
  ])("%s → %s", (path, profile) => {
    expect(profileFor(path)).toBe(profile);
  });
});

describe("securityHeaders", () => {
  it("every profile: nosniff, referrer policy, no framing", () => {
    for (const p of ["app", "status", "api"] as const) {
      const h = asMap(securityHeaders(p));
      expect(h["x-content-type-options"]).toBe("nosniff");
      expect(h["referrer-policy"]).toBe("strict-origin-when-cross-origin");
      expect(h["x-frame-options"]).toBe("DENY");
      expect(directives(h["content-security-policy"]!)["frame-ancestors"]).toBe("'none'");
    }
  });

  it("status pages run no script at all, inline or from anywhere", () => {
    const d = directives(asMap(securityHeaders("status"))["content-security-policy"]!);
    expect(d["script-src"]).toBe("'none'");
    expect(d["default-src"]).toBe("'none'");
    expect(d["form-action"]).toBe("'self'"); // the subscribe form
    expect(d["style-src"]).toBe("'self' 'unsafe-inline'"); // uptime bars' style attributes
  });

  it("app pages: scripts from this origin (inline for Next's hydration), no eval outside development", () => {
    const d = directives(asMap(securityHeaders("app"))["content-security-policy"]!);
    expect(d["script-src"]).toBe("'self' 'unsafe-inline'");
    expect(d["object-src"]).toBe("'none'");
    expect(d["base-uri"]).toBe("'self'");
    expect(d["form-action"]).toBe("'self'");
    const dev = directives(asMap(securityHeaders("app", { dev: true }))["content-security-policy"]!);
    expect(dev["script-src"]).toContain("'unsafe-eval'");
    // In development a status page hydrates for fast refresh like any page.
    expect(directives(asMap(securityHeaders("status", { dev: true }))["content-security-policy"]!)["script-src"]).toContain("'unsafe-inline'");
  });

  it("API answers allow nothing to load", () => {
    expect(asMap(securityHeaders("api"))["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
  });

  it("HSTS only when APP_URL is https", () => {
    expect(asMap(securityHeaders("app", { appUrl: "https://vigil.example.com" }))["strict-transport-security"]).toBe("max-age=31536000; includeSubDomains");
    expect(asMap(securityHeaders("status", { appUrl: "https://vigil.example.com" }))["strict-transport-security"]).toBeDefined();
    expect(asMap(securityHeaders("app", { appUrl: "http://localhost:3000" }))["strict-transport-security"]).toBeUndefined();
    expect(asMap(securityHeaders("app"))["strict-transport-security"]).toBeUndefined();
  });
});

describe("nextHeaderRules", () => {
  it("app policy everywhere, overridden (later rule wins in Next) for status pages and the API", () => {
    const rules = nextHeaderRules();
    expect(rules.map((r) => r.source)).toEqual(["/:path*", "/status/:path*", "/api/v1/:path*", "/ping/:path*"]);
    const cspOf = (source: string) => rules.find((r) => r.source === source)!.headers.find((h) => h.key === "Content-Security-Policy")!.value;
    expect(cspOf("/status/:path*")).toBe(asMap(securityHeaders("status"))["content-security-policy"]);
    expect(cspOf("/:path*")).toBe(asMap(securityHeaders("app"))["content-security-policy"]);
    expect(rules.flatMap((r) => r.headers.map((h) => h.key))).not.toContain("Strict-Transport-Security");
  });
});

// The way server.ts uses it: set before the handler writes, so headers the handler passes to
// writeHead itself (content-type, cache-control) are kept alongside.
describe("createSecurityHeaderSetter on a real server", () => {
  let server: http.Server;
  let base: string;
  beforeAll(async () => {
    const set = createSecurityHeaderSetter({ appUrl: "https://vigil.example.com" });
    server = http.createServer((req, res) => {
      set(req.url, res);
      res.writeHead(200, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" }).end("ok");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  it.each([
    ["/ping/abc", "api"],
    ["/status/demo", "status"],
    ["/monitors", "app"],
  ] as const)("%s carries the %s headers", async (path, profile) => {
    const res = await fetch(base + path);
    for (const [name, value] of securityHeaders(profile, { appUrl: "https://vigil.example.com" })) expect(res.headers.get(name)).toBe(value);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.headers.get("strict-transport-security")).toBe("max-age=31536000; includeSubDomains");
  });
});
