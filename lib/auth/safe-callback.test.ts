import { describe, expect, it } from "vitest";
import { redirectWithinSite, safeCallbackPath } from "./safe-callback";

const ORIGIN = "http://localhost:3000";

describe("safeCallbackPath (where sign-in may send someone)", () => {
  it.each([
    ["/monitors/abc", "/monitors/abc"],
    ["/monitors?tab=checks#latest", "/monitors?tab=checks#latest"],
    ["/status-pages", "/status-pages"],
    ["/search?q=100%25", "/search?q=100%25"],
    ["http://localhost:3000/incidents/1", "/incidents/1"],
    ["/a/../incidents", "/incidents"],
  ])("keeps the same-site path %j", (input, expected) => {
    expect(safeCallbackPath(input, ORIGIN)).toBe(expected);
  });

  it.each([
    "/\t/evil.example",
    "/%09/evil.example",
    "/%0d%0a/evil.example",
    "/%250a/evil.example",
    "/\n/evil.example",
    "/\r/evil.example",
    "/\u0000/evil.example",
    "//evil.example",
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example",
    "/%5Cevil.example",
    "/%2F/evil.example",
    "/%2f%2fevil.example",
    "https://evil.example/",
    "http://evil.example",
    "http://localhost:3000@evil.example/",
    "https://localhost:3000/monitors",
    "http://localhost:3001/monitors",
    "HTTP://EVIL.EXAMPLE",
    "javascript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "monitors",
    " /monitors",
    "",
    "/" + "a".repeat(5000),
  ])("refuses %j", (input) => {
    expect(safeCallbackPath(input, ORIGIN)).toBe("/monitors");
  });

  it("refuses anything that is not a string, and absolute URLs when no origin is known", () => {
    for (const v of [undefined, null, 42, ["/monitors"], { toString: () => "/x" }]) expect(safeCallbackPath(v, ORIGIN)).toBe("/monitors");
    expect(safeCallbackPath("http://localhost:3000/monitors")).toBe("/monitors");
    expect(safeCallbackPath("/incidents")).toBe("/incidents");
    expect(safeCallbackPath("//evil.example", ORIGIN, "/")).toBe("/");
  });
});

describe("redirectWithinSite (next-auth's redirect callback)", () => {
  const app = "https://vigil.example.com";
  it.each([
    ["/monitors/1", "http://10.0.0.5:3000", "https://vigil.example.com/monitors/1"],
    ["http://10.0.0.5:3000/incidents", "http://10.0.0.5:3000", "https://vigil.example.com/incidents"],
    ["https://vigil.example.com/alerts?x=1", "http://10.0.0.5:3000", "https://vigil.example.com/alerts?x=1"],
    ["https://vigil.example.com", "http://10.0.0.5:3000", "https://vigil.example.com/"],
    ["http://10.0.0.5:3000", "http://10.0.0.5:3000", "https://vigil.example.com/"],
    ["https://evil.example/", "http://10.0.0.5:3000", "https://vigil.example.com/"],
    ["/%09/evil.example", "http://10.0.0.5:3000", "https://vigil.example.com/"],
    ["//evil.example", "http://10.0.0.5:3000", "https://vigil.example.com/"],
    ["http://10.0.0.5:3000.evil.example/", "http://10.0.0.5:3000", "https://vigil.example.com/"],
    ["http://10.0.0.5:3000@evil.example/", "http://10.0.0.5:3000", "https://vigil.example.com/"],
    ["https://evil.example/", "https://evil.example", "https://vigil.example.com/"],
  ])("%j (request origin %s) → %s", (url, requestOrigin, expected) => {
    expect(redirectWithinSite(url, requestOrigin, app)).toBe(expected);
  });
});
