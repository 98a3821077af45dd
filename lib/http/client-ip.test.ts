import { describe, expect, it } from "vitest";
import { requestClientIp, resolveClientIp } from "./client-ip";

describe("resolveClientIp", () => {
  it("ignores X-Forwarded-For when no proxy is trusted (the client wrote it)", () => {
    expect(resolveClientIp("203.0.113.7", "198.51.100.2", 0)).toBe("198.51.100.2");
    expect(resolveClientIp(undefined, "::ffff:198.51.100.2", 0)).toBe("198.51.100.2");
  });

  it("takes the address the outermost trusted proxy saw, not what the client prepended", () => {
    // client forged "1.1.1.1"; the load balancer appended the real 203.0.113.7; the socket is the LB.
    expect(resolveClientIp("1.1.1.1, 203.0.113.7", "10.0.0.5", 1)).toBe("203.0.113.7");
    expect(resolveClientIp(["1.1.1.1", "203.0.113.7, 10.0.0.9"], "10.0.0.5", 2)).toBe("203.0.113.7");
  });

  it("falls back to the leftmost known address when there are fewer hops than trusted", () => {
    expect(resolveClientIp(undefined, "10.0.0.5", 1)).toBe("10.0.0.5");
    expect(resolveClientIp("203.0.113.7", "10.0.0.5", 3)).toBe("203.0.113.7");
  });

  it("is stable when applied again to its own output (the web server normalises, handlers resolve again)", () => {
    for (const hops of [0, 1, 2]) {
      const once = resolveClientIp("1.1.1.1, 203.0.113.7, 10.0.0.9", "10.0.0.5", hops);
      expect(resolveClientIp(once, "10.0.0.5", hops)).toBe(once);
    }
  });
});

describe("requestClientIp", () => {
  it("takes the address the nearest proxy appended, then x-real-ip", () => {
    expect(requestClientIp({ "x-forwarded-for": "6.6.6.6, 203.0.113.9" })).toBe("203.0.113.9");
    expect(requestClientIp(new Headers({ "x-forwarded-for": "198.51.100.1" }))).toBe("198.51.100.1");
    expect(requestClientIp({ "x-real-ip": " 198.51.100.2 " })).toBe("198.51.100.2");
    expect(requestClientIp({})).toBe("unknown");
    expect(requestClientIp(undefined)).toBe("unknown");
  });
});
