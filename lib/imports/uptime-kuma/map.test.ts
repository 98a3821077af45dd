import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { jsonataPathToJsonPath } from "./json-path";
import { validateMonitorInput } from "../../monitors";
import { mapKumaMonitor, type MappedMonitor } from "./map";
import { KumaMonitor } from "./parse";

const opts = { minIntervalSeconds: 30 };
const kuma = (fields: Record<string, unknown>) =>
  KumaMonitor.parse({ name: "m", type: "http", url: "https://example.com", interval: 60, timeout: 48, ...fields });
const mapped = (fields: Record<string, unknown>) => {
  const r = mapKumaMonitor(kuma(fields), opts);
  if (!r.ok) throw new Error(`skipped: ${r.reason}`);
  return r as MappedMonitor;
};

describe("mapKumaMonitor", () => {
  it("keeps the timeout under the interval and raises an interval below the workspace's minimum, saying so", () => {
    expect(mapped({ interval: 60, timeout: 48 }).input).toMatchObject({ intervalSeconds: 60, timeoutSeconds: 48 });
    const fast = mapped({ interval: 20, timeout: 16 });
    expect(fast.input).toMatchObject({ intervalSeconds: 30, timeoutSeconds: 16 });
    expect(fast.notes[0]).toMatch(/every 30 s \(Kuma: 20 s/);
    expect(mapped({ interval: 60, timeout: 90 }).input.timeoutSeconds).toBe(59);
    // Old exports without a timeout: Kuma's own fallback, 80 % of the interval.
    expect(mapped({ interval: 100, timeout: null }).input.timeoutSeconds).toBe(80);
  });

  it("carries headers, method, body with its content type, status codes, TLS and redirects", () => {
    const m = mapped({
      method: "post",
      headers: '{"X-A": 1}',
      body: '{"a":1}',
      accepted_statuscodes: ["200-299", "418"],
      ignoreTls: 1,
      maxredirects: 0,
      maxretries: 2,
    });
    expect(m.input).toMatchObject({
      method: "POST",
      headers: { "X-A": "1", "Content-Type": "application/json" },
      body: '{"a":1}',
      expectedStatus: "200-299,418",
      verifyTls: false,
      followRedirects: false,
      failureThreshold: 3,
    });
    expect(mapped({ maxredirects: 10, headers: "" }).input).toMatchObject({ followRedirects: true, headers: {}, verifyTls: true, failureThreshold: 1 });
  });

  it("lists what can't come over with a reason", () => {
    const reason = (fields: Record<string, unknown>) => {
      const r = mapKumaMonitor(kuma(fields), opts);
      return r.ok ? null : r.reason;
    };
    expect(reason({ headers: "{not json" })).toMatch(/headers aren't valid JSON/);
    expect(reason({ authMethod: "ntlm" })).toMatch(/NTLM authentication isn't supported/);
    expect(reason({ type: "keyword", keyword: "" })).toMatch(/without a keyword/);
    expect(reason({ type: "dns", hostname: "example.com", dns_resolve_type: "PTR" })).toMatch(/record type PTR/);
    expect(reason({ type: "json-query", jsonPath: "$sum(items.price)", expectedValue: "3" })).toMatch(/JSONata expression/);
    expect(reason({ type: "smtp" })).toMatch(/"smtp" monitors have no Vigil equivalent/);
  });

  it("maps port → tcp, dns → dns (resolver only when it is an IP), push → heartbeat, json-query → a JSON assertion", () => {
    expect(mapped({ type: "port", hostname: "db.example.com", port: 5432 }).input).toMatchObject({ type: "tcp", host: "db.example.com", port: 5432 });
    expect(mapped({ type: "dns", hostname: "example.com", dns_resolve_type: "aaaa", dns_resolve_server: "9.9.9.9", port: 5353 }).input).toMatchObject({
      type: "dns",
      recordType: "AAAA",
      resolver: "9.9.9.9:5353",
    });
    const named = mapped({ type: "dns", hostname: "example.com", dns_resolve_server: "dns.google", port: 53 });
    expect(named.input.resolver).toBeNull();
    expect(named.notes[0]).toMatch(/not an IP address/);
    expect(mapped({ type: "push", interval: 3600, maxretries: 0 }).input).toEqual({ name: "m", type: "heartbeat", periodSeconds: 3600 });
    expect(mapped({ type: "push", interval: 300, maxretries: 2, retryInterval: 120 }).input).toMatchObject({ periodSeconds: 300, graceSeconds: 240 });
    expect(mapped({ type: "json-query", jsonPath: "data.items[0].state", expectedValue: "ok" }).input.assertions).toEqual([
      { source: "json", property: "$.data.items[0].state", op: "eq", value: "ok" },
    ]);
    expect(mapped({ active: false }).paused).toBe(true);
    // Kuma's re-notification (every N checks while down) carries over for every kind, not just HTTP.
    expect(mapped({ type: "port", hostname: "db.example.com", port: 5432, interval: 60, resendInterval: 10 }).input.remindEveryMinutes).toBe(10);
    expect(mapped({ type: "dns", hostname: "example.com", interval: 300, resendInterval: 12 }).input.remindEveryMinutes).toBe(60);
    const push = mapped({ type: "push", interval: 3600, resendInterval: 2 }).input;
    expect(push.remindEveryMinutes).toBe(120);
    expect(validateMonitorInput(push)).toMatchObject({ type: "heartbeat", remindEveryMinutes: 120 });
    expect(mapped({ type: "port", hostname: "db.example.com", port: 5432, resendInterval: 0 }).input).not.toHaveProperty("remindEveryMinutes");
    expect(mapped({ active: true }).paused).toBe(false);
  });
});

describe("mapKumaMonitor: real-browser", () => {
  // Kuma 1.23's real-browser monitors from the fixture, as its backup export writes them.
  const fixture = JSON.parse(readFileSync(path.join(import.meta.dirname, "fixture.kuma-backup.json"), "utf8")) as { monitorList: { name: string }[] };
  const fromFixture = (name: string) => {
    const r = mapKumaMonitor(KumaMonitor.parse(fixture.monitorList.find((m) => m.name === name)), opts);
    if (!r.ok) throw new Error(`skipped: ${r.reason}`);
    return r;
  };

  it("becomes a browser monitor checked at most once a minute, saying why when Kuma checked more often", () => {
    const m = fromFixture("Checkout renders");
    // Kuma's real-browser check loads the page and calls it up below HTTP 400, like ours without a selector or text.
    expect(m.input).toEqual({
      name: "Checkout renders",
      type: "browser",
      url: "https://shop.example.com/checkout",
      intervalSeconds: 60,
      // Kuma gives the page 80 % of its interval (16 s of 20 s) whatever its hidden timeout field says (48).
      timeoutSeconds: 16,
      failureThreshold: 2,
    });
    expect(m.notes).toEqual([expect.stringMatching(/every 60 s \(Kuma: 20 s, browser checks run at most once a minute\)/)]);
  });

  it("keeps the page's time under the browser's 120 s limit and carries the reminders", () => {
    const m = fromFixture("Docs site renders");
    expect(m.input).toMatchObject({ type: "browser", intervalSeconds: 600, timeoutSeconds: 120, failureThreshold: 1, remindEveryMinutes: 30 });
    expect(m.notes).toEqual([expect.stringMatching(/Timeout 120 s \(Kuma: 480 s, 80 % of its interval\).*at most 120 s/)]);
  });

  it("is validated as a browser monitor by the monitors domain", () => {
    for (const name of ["Checkout renders", "Docs site renders"]) expect(validateMonitorInput(fromFixture(name).input)).toMatchObject({ type: "browser" });
  });
});

describe("jsonataPathToJsonPath", () => {
  it("turns plain JSONata paths into JSONPath and refuses the rest", () => {
    expect(jsonataPathToJsonPath("status")).toBe("$.status");
    expect(jsonataPathToJsonPath("$.checks.db[2].ok")).toBe("$.checks.db[2].ok");
    expect(jsonataPathToJsonPath("$")).toBe("$");
    for (const e of ["", "$count(items)", "items[price > 3]", "a.*", "a & b", "`my key`"]) expect(jsonataPathToJsonPath(e)).toBeNull();
  });
});
