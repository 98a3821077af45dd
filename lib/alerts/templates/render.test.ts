import { describe, expect, it } from "vitest";
import type { AlertContent } from "./content";
import { renderAlertEmail } from "./render";

const base: AlertContent = {
  event: "opened",
  appUrl: "https://vigil.example",
  channelTarget: "ops@example.test",
  monitor: { id: "m1", name: "Checkout API", type: "http", target: "https://shop.example/api/health" },
  incident: {
    id: "0b6f5e0e-1111-4222-8333-444455556666",
    cause: "Expected status 200-299, got 503",
    statusCode: 503,
    errorClass: "status",
    regions: ["eu", "us"],
    startedAt: new Date("2026-11-20T10:00:00Z"),
    resolvedAt: null,
  },
};

describe("alert email templates", () => {
  it("opened: monitor, cause, status code, error class, regions, since when, incident link; HTML and text", () => {
    const e = renderAlertEmail(base);
    expect(e.subject).toBe("[Vigil] DOWN: Checkout API (Expected status 200-299, got 503)");
    for (const part of [e.text, e.html]) {
      expect(part).toContain("Checkout API");
      expect(part).toContain("503");
      expect(part).toContain("status");
      expect(part).toContain("eu, us");
      expect(part).toContain("2026-11-20 10:00:00 UTC");
      expect(part).toContain("https://vigil.example/incidents/0b6f5e0e-1111-4222-8333-444455556666");
    }
    expect(e.html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(e.text).not.toContain("Down for");
  });

  it("resolved: says how long it was down", () => {
    const e = renderAlertEmail({ ...base, event: "resolved", incident: { ...base.incident!, resolvedAt: new Date("2026-11-20T10:42:30Z") } });
    expect(e.subject).toBe("[Vigil] RECOVERED: Checkout API after 42m 30s");
    expect(e.text).toContain("Down for: 42m 30s");
    expect(e.html).toContain("42m 30s");
  });

  it("flapping start and summary", () => {
    const start = renderAlertEmail({ ...base, event: "flapping", phase: "start", flapping: { changes: 5, since: null, status: null } });
    expect(start.subject).toBe("[Vigil] FLAPPING: Checkout API");
    expect(start.text).toContain("changed state 5 times");
    const summary = renderAlertEmail({ ...base, event: "flapping", phase: "summary", flapping: { changes: 9, since: "2026-11-20T10:00:00Z", status: "up" } });
    expect(summary.subject).toContain("STABLE again: Checkout API (9 changes");
    expect(summary.text).toContain("Current status: up");
  });

  it("test email has no incident", () => {
    const e = renderAlertEmail({ ...base, event: "test", monitor: null, incident: null });
    expect(e.subject).toBe("[Vigil] Test alert");
    expect(e.text).toContain("ops@example.test");
    expect(e.text).not.toContain("/incidents/");
  });

  it("escapes monitor names in HTML", () => {
    const e = renderAlertEmail({ ...base, monitor: { ...base.monitor!, name: "<script>x</script>" } });
    expect(e.html).not.toContain("<script>x");
    expect(e.html).toContain("&lt;script&gt;");
  });
});
