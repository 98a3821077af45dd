import { describe, expect, it } from "vitest";
import { ValidationError } from "../../errors";
import { ALERT_CHANNEL_TYPES } from "../../db/schema/enums";
import { CHANNEL_TYPES, channelType, parseChannelSettings } from "./registry";

function fieldsOf(fn: () => unknown): Record<string, string> {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).fields ?? {};
  }
  throw new Error("expected a ValidationError");
}

const TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";
const ROUTING = "0123456789abcdef0123456789ABCDEF";

describe("channel type registry", () => {
  it("has one module per type, each naming itself", () => {
    expect(Object.keys(CHANNEL_TYPES).sort()).toEqual([...ALERT_CHANNEL_TYPES].sort());
    for (const [type, mod] of Object.entries(CHANNEL_TYPES)) expect(mod.type).toBe(type);
    expect(CHANNEL_TYPES.email.needsVerification).toBe(true);
    expect(Object.values(CHANNEL_TYPES).filter((m) => m.needsVerification)).toHaveLength(1);
  });

  it("refuses an unknown type on the type field", () => {
    expect(fieldsOf(() => channelType("sms")).type).toMatch(/must be one of/);
    expect(fieldsOf(() => parseChannelSettings("carrier-pigeon", { target: "x" })).type).toBeDefined();
  });

  it("normalises good targets", () => {
    expect(parseChannelSettings("email", { target: "  OnCall@Example.COM " }).target).toBe("oncall@example.com");
    expect(parseChannelSettings("webhook", { target: "http://example.com/h?x=1" }).target).toBe("http://example.com/h?x=1");
    expect(parseChannelSettings("telegram", { target: "-1001234567890", secrets: { botToken: TOKEN } }).secrets).toEqual({ botToken: TOKEN });
    expect(parseChannelSettings("telegram", { target: "@vigil_alerts", secrets: { botToken: TOKEN } }).target).toBe("@vigil_alerts");
    expect(parseChannelSettings("pagerduty", { secrets: { routingKey: ROUTING } })).toEqual({ target: "", config: {}, secrets: { routingKey: ROUTING } });
    expect(parseChannelSettings("ntfy", { target: "https://ntfy.sh/t", config: { priority: "high" } }).config).toEqual({ priority: "high" });
    expect(parseChannelSettings("webhook", { target: "https://e.com", config: { headers: { "X-Token": "abc" } }, secrets: { secret: "s3cret" } })).toEqual({
      target: "https://e.com",
      config: { headers: { "X-Token": "abc" } },
      secrets: { secret: "s3cret" },
    });
  });

  it.each([
    ["webhook", "ftp://example.com/x", /http:\/\/ or https:\/\//],
    ["webhook", "javascript:alert(1)", /http:\/\/ or https:\/\//],
    ["webhook", "not a url", /valid URL/],
    ["webhook", `https://e.com/${"a".repeat(2048)}`, /at most 2048/],
    ["ntfy", "https://user:pw@ntfy.sh/t", /user name or password/],
    ["slack", "http://hooks.slack.com/services/x", /https:\/\//],
    ["discord", "http://discord.com/api/webhooks/1/a", /https:\/\//],
    ["email", "not-an-address", /valid email/],
    ["telegram", "chat 42", /Chat id must be/],
    ["pagerduty", "https://events.pagerduty.com", /no target/],
  ])("refuses a %s target %s", (type, target, message) => {
    const fields = fieldsOf(() =>
      parseChannelSettings(type, { target, secrets: type === "telegram" ? { botToken: TOKEN } : type === "pagerduty" ? { routingKey: ROUTING } : {} }),
    );
    expect(fields.target).toMatch(message);
  });

  it("refuses missing, malformed and oversize secrets with field messages", () => {
    expect(fieldsOf(() => parseChannelSettings("telegram", { target: "-100123" }))["secrets.botToken"]).toBe("Bot token is required");
    expect(fieldsOf(() => parseChannelSettings("telegram", { target: "-100123", secrets: { botToken: "nope" } }))["secrets.botToken"]).toMatch(/123456789:AA/);
    expect(fieldsOf(() => parseChannelSettings("pagerduty", { secrets: { routingKey: "short" } }))["secrets.routingKey"]).toMatch(/32-character/);
    expect(fieldsOf(() => parseChannelSettings("pagerduty", {}))["secrets.routingKey"]).toBe("Routing key is required");
    expect(fieldsOf(() => parseChannelSettings("webhook", { target: "https://e.com", secrets: { secret: "x".repeat(257) } }))["secrets.secret"]).toMatch(
      /at most 256/,
    );
    expect(fieldsOf(() => parseChannelSettings("ntfy", { target: "https://ntfy.sh/t", secrets: { token: "x".repeat(300) } }))["secrets.token"]).toMatch(
      /at most 256/,
    );
    expect(fieldsOf(() => parseChannelSettings("slack", { target: "https://hooks.slack.com/x", secrets: { secret: "x" } }))["secrets"]).toMatch(/nrecognized/);
  });

  it("refuses webhook headers that are invalid or would replace Vigil's own", () => {
    const bad = (headers: Record<string, string>) =>
      fieldsOf(() => parseChannelSettings("webhook", { target: "https://e.com", config: { headers } }))["config.headers"];
    expect(bad({ "Vigil-Signature": "forged" })).toMatch(/set by Vigil/);
    expect(bad({ "Content-Type": "text/plain" })).toMatch(/set by Vigil/);
    expect(bad({ "Bad Name": "x" })).toMatch(/not a valid header name/);
    expect(bad({ "X-A": "line\r\nInjected: 1" })).toMatch(/one line/);
    expect(fieldsOf(() => parseChannelSettings("ntfy", { target: "https://ntfy.sh/t", config: { priority: "loud" } }))["config.priority"]).toMatch(/one of/);
  });

  it("keeps stored values and secrets on a partial update", () => {
    const stored = { target: "-100123", config: {}, secrets: { botToken: TOKEN } };
    expect(parseChannelSettings("telegram", { secrets: { botToken: "" } }, stored)).toEqual(stored);
    expect(parseChannelSettings("telegram", { target: "@other_chat" }, stored)).toEqual({ ...stored, target: "@other_chat" });
  });
});
