import { describe, expect, it } from "vitest";
import { normalizeExpectedStatus, parseExpectedStatus, statusMatches } from "./expected-status";

describe("expected status", () => {
  it("parses codes and ranges", () => {
    expect(parseExpectedStatus("200-299,301")).toEqual([
      [200, 299],
      [301, 301],
    ]);
    expect(parseExpectedStatus(" 204 , 400-404 ")).toEqual([
      [204, 204],
      [400, 404],
    ]);
    expect(normalizeExpectedStatus(" 200 - 299")).toBeNull();
    expect(normalizeExpectedStatus("200-200, 301")).toBe("200,301");
  });

  it.each(["abc", "99", "300-200", "200-", ",", "", "200,,301", "600", "2000", "200-299-300", "-200", "20x", "200;301"])(
    "rejects %j with a message",
    (spec) => {
      expect(() => parseExpectedStatus(spec)).toThrow(/./);
      expect(normalizeExpectedStatus(spec)).toBeNull();
    },
  );

  it("explains what is wrong", () => {
    expect(() => parseExpectedStatus("300-200")).toThrow(/backwards/);
    expect(() => parseExpectedStatus("99")).toThrow(/not a status code/);
    expect(() => parseExpectedStatus("600")).toThrow(/100 to 599/);
    expect(() => parseExpectedStatus("200,")).toThrow(/empty entry/);
  });

  it("matches codes against a spec", () => {
    expect(statusMatches(200, "200-299,301")).toBe(true);
    expect(statusMatches(299, "200-299,301")).toBe(true);
    expect(statusMatches(301, "200-299,301")).toBe(true);
    expect(statusMatches(300, "200-299,301")).toBe(false);
    expect(statusMatches(199, "200-299")).toBe(false);
    expect(statusMatches(503, parseExpectedStatus("500-599"))).toBe(true);
    expect(() => statusMatches(200, "abc")).toThrow();
  });
});
