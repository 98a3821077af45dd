import { describe, expect, it } from "vitest";
import { browserLane } from "./browser-lane";

describe("browser lane", () => {
  it("runs only when asked to and Chromium is there, and names the missing Chromium otherwise", () => {
    expect(browserLane({ enabled: false, chromiumPath: process.execPath })).toEqual({ runs: false, problem: null });
    // Any existing executable stands in for Chromium: only its presence is checked here.
    expect(browserLane({ enabled: true, chromiumPath: process.execPath })).toEqual({ runs: true });
    const missing = browserLane({ enabled: true, chromiumPath: "/nonexistent/chromium" });
    expect(missing.runs).toBe(false);
    expect(!missing.runs && missing.problem).toMatch(/no Chromium at \/nonexistent\/chromium/);
  });
});
