import { describe, expect, it } from "vitest";
import { labelStaleStatusPage, statusPageTitle } from "./page-text";

describe("status page title", () => {
  it("appends 'status' once", () => {
    expect(statusPageTitle("Acme")).toBe("Acme status");
    expect(statusPageTitle("Acme status")).toBe("Acme status");
    expect(statusPageTitle("Acme Status")).toBe("Acme status");
    expect(statusPageTitle("Acme - Status ")).toBe("Acme status");
    expect(statusPageTitle("Status")).toBe("Status");
    expect(statusPageTitle("Statuspage fans")).toBe("Statuspage fans status");
    expect(statusPageTitle("Acme statuses")).toBe("Acme statuses status");
  });
});

describe("stale status page label", () => {
  const html = (slot: string) => Buffer.from(`<main><h1>Acme</h1>${slot}<section>ok</section></main>`);

  it("fills the notice slot with the time the data was read", () => {
    const out = labelStaleStatusPage(html('<p id="sp-stale" data-at="2026-12-01T21:20:26.000Z" hidden=""></p>'), "text/html; charset=utf-8", 0).toString();
    expect(out).toContain("Status as of 21:20 UTC — live data temporarily unavailable");
    expect(out).not.toContain("hidden");
    expect(out).toContain("<section>ok</section>");
  });

  it("falls back to the copy's age, and leaves other bodies alone", () => {
    const out = labelStaleStatusPage(html('<p id="sp-stale" hidden=""></p>'), "text/html", Date.UTC(2026, 0, 1, 9, 5)).toString();
    expect(out).toContain("Status as of 09:05 UTC");
    const json = Buffer.from('{"a":1}');
    expect(labelStaleStatusPage(json, "application/json", 0)).toBe(json);
  });
});
