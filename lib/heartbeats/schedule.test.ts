import { describe, expect, it } from "vitest";
import { cronError, deadlineAfterPing, deadlineAfterStart, nextExpectedAt } from "./schedule";

const simple = { periodSeconds: 300, graceSeconds: 60, cron: null, timezone: null };

describe("heartbeat deadlines", () => {
  it("simple schedule: period + grace after the ping", () => {
    const at = new Date("2026-05-01T10:00:00Z");
    expect(deadlineAfterPing(simple, at).toISOString()).toBe("2026-05-01T10:06:00.000Z");
  });

  it("start: the run must finish within grace", () => {
    const at = new Date("2026-05-01T10:00:00Z");
    expect(deadlineAfterStart(simple, at).toISOString()).toBe("2026-05-01T10:01:00.000Z");
  });

  it("cron in Europe/Berlin across spring-forward (2026-03-29): 03:30 local stays 03:30 local", () => {
    const s = { periodSeconds: null, graceSeconds: 600, cron: "30 3 * * *", timezone: "Europe/Berlin" };
    // Saturday 03:30 CET = 02:30Z; next run Sunday 03:30 CEST = 01:30Z (23 h later, not 24).
    const next = nextExpectedAt(s, new Date("2026-03-28T02:30:05Z"));
    expect(next.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(deadlineAfterPing(s, new Date("2026-03-28T02:30:05Z")).toISOString()).toBe("2026-03-29T01:40:00.000Z");
  });

  it("cron in Europe/Berlin across fall-back (2026-10-25): 25 h between runs", () => {
    const s = { periodSeconds: null, graceSeconds: 300, cron: "0 4 * * *", timezone: "Europe/Berlin" };
    const next = nextExpectedAt(s, new Date("2026-10-24T02:00:10Z")); // Saturday 04:00 CEST
    expect(next.toISOString()).toBe("2026-10-25T03:00:00.000Z"); // Sunday 04:00 CET
    expect(next.getTime() - new Date("2026-10-24T02:00:00Z").getTime()).toBe(25 * 3600_000);
  });

  it("cron in UTC when no timezone is given", () => {
    const s = { periodSeconds: null, graceSeconds: 0, cron: "*/15 * * * *", timezone: null };
    expect(nextExpectedAt(s, new Date("2026-01-01T00:07:00Z")).toISOString()).toBe("2026-01-01T00:15:00.000Z");
  });

  it("rejects an invalid cron expression or timezone", () => {
    expect(cronError("61 * * * *", null)).toBeTruthy();
    expect(cronError("not cron", "UTC")).toBeTruthy();
    expect(cronError("0 3 * * *", "Mars/Olympus")).toBe("Unknown timezone");
    expect(cronError("0 3 * * *", "Europe/Berlin")).toBeNull();
  });
});
