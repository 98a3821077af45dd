import { describe, expect, it } from "vitest";
import { messageTarget } from "./message-target";

describe("an alert's monitor target", () => {
  it("is the URL for http, host:port for tcp, record and name for dns, nothing for heartbeats", () => {
    expect(messageTarget({ type: "http", url: "https://example.com/health", settings: {} })).toBe("https://example.com/health");
    expect(messageTarget({ type: "tcp", url: null, settings: { host: "db.internal", port: 5432 } })).toBe("db.internal:5432");
    expect(messageTarget({ type: "dns", url: null, settings: { hostname: "example.com", recordType: "MX", resolver: null, expectedValues: [] } })).toBe(
      "MX example.com",
    );
    expect(messageTarget({ type: "heartbeat", url: null, settings: {} })).toBeNull();
  });
});
