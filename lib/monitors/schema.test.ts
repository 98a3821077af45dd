import { describe, expect, it } from "vitest";
import { ValidationError } from "../errors";
import { validateMonitorInput, type MonitorValues } from "./validate";

const http = (extra: Record<string, unknown> = {}) => ({ type: "http", name: "API", url: "https://example.com/health", ...extra });
const hb = (extra: Record<string, unknown> = {}) => ({ type: "heartbeat", name: "Nightly backup", periodSeconds: 3600, ...extra });

function fieldsOf(input: unknown): Record<string, string> {
  try {
    validateMonitorInput(input);
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).fields ?? {};
  }
  throw new Error("expected a validation error");
}

describe("monitor schema: http", () => {
  it("fills sensible defaults", () => {
    const v = validateMonitorInput(http()) as Extract<MonitorValues, { type: "http" }>;
    expect(v).toMatchObject({
      method: "GET",
      headers: {},
      body: null,
      intervalSeconds: 60,
      timeoutSeconds: 10,
      expectedStatus: "200-299",
      keyword: null,
      keywordMode: "present",
      followRedirects: true,
      verifyTls: true,
      regions: [],
      failureThreshold: 1,
      recoveryThreshold: 1,
    });
    expect((validateMonitorInput(http({ intervalSeconds: 10 })) as { timeoutSeconds: number }).timeoutSeconds).toBe(9);
  });

  it.each(["not a url", "example.com", "http://", ""])("rejects the invalid URL %j", (url) => {
    expect(fieldsOf(http({ url })).url).toBeTruthy();
  });

  it.each(["ftp://example.com/file", "javascript:alert(1)", "file:///etc/passwd", "data:text/plain,hi", "ws://example.com"])(
    "rejects the unsupported scheme of %j",
    (url) => {
      expect(fieldsOf(http({ url })).url).toMatch(/http:\/\/ or https:\/\//);
    },
  );

  it("rejects a URL over 2048 characters", () => {
    expect(fieldsOf(http({ url: `https://example.com/${"a".repeat(2040)}` })).url).toMatch(/2048/);
  });

  it("bounds the interval by MIN_INTERVAL_SECONDS and a day", () => {
    expect(fieldsOf(http({ intervalSeconds: 9 })).intervalSeconds).toBe("Interval must be at least 10 seconds");
    expect(fieldsOf(http({ intervalSeconds: 86_401 })).intervalSeconds).toBe("Interval must be at most 1 day");
    expect(fieldsOf(http({ intervalSeconds: 30.5 })).intervalSeconds).toMatch(/whole number/);
    expect(fieldsOf(http({ intervalSeconds: "60" })).intervalSeconds).toMatch(/number/);
  });

  it("requires the timeout to be shorter than the interval", () => {
    expect(fieldsOf(http({ intervalSeconds: 30, timeoutSeconds: 30 })).timeoutSeconds).toMatch(/shorter than the interval/);
    expect(fieldsOf(http({ intervalSeconds: 30, timeoutSeconds: 45 })).timeoutSeconds).toMatch(/shorter than the interval/);
    expect(fieldsOf(http({ timeoutSeconds: 0 })).timeoutSeconds).toMatch(/at least 1 second/);
    expect(validateMonitorInput(http({ intervalSeconds: 30, timeoutSeconds: 29 }))).toMatchObject({ timeoutSeconds: 29 });
  });

  it.each(["abc", "99", "300-200", "200-", ",", "", "700"])("rejects the expected-status list %j", (expectedStatus) => {
    expect(fieldsOf(http({ expectedStatus })).expectedStatus).toBeTruthy();
  });

  it("normalizes a valid expected-status list", () => {
    expect(validateMonitorInput(http({ expectedStatus: "200-299, 301" }))).toMatchObject({ expectedStatus: "200-299,301" });
  });

  it("rejects unknown fields and the other type's fields, naming each", () => {
    const fields = fieldsOf(http({ colour: "red", cron: "* * * * *", pingToken: "mine" }));
    expect(fields.colour).toBe("Unknown field");
    expect(fields.cron).toBe("Cron is only for heartbeat monitors");
    expect(fields.pingToken).toBe("Unknown field");
  });

  it("rejects oversized names, headers and bodies", () => {
    expect(fieldsOf(http({ name: "x".repeat(101) })).name).toBe("Name must be at most 100 characters");
    expect(fieldsOf(http({ name: "   " })).name).toBe("Name is required");
    const many = Object.fromEntries(Array.from({ length: 21 }, (_, i) => [`X-H${i}`, "v"]));
    expect(fieldsOf(http({ headers: many })).headers).toMatch(/at most 20 headers/);
    expect(fieldsOf(http({ headers: { "X-Big": "v".repeat(1025) } })).headers).toMatch(/1 KiB/);
    expect(fieldsOf(http({ headers: { "Bad Name": "v" } })).headers).toMatch(/not a valid header name/);
    expect(fieldsOf(http({ headers: { "X-Inject": "a\r\nEvil: 1" } })).headers).toMatch(/one line/);
    expect(fieldsOf(http({ headers: { Host: "other" } })).headers).toMatch(/can't be overridden/);
    const big = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`X-H${i}`, "v".repeat(1000)]));
    expect(fieldsOf(http({ headers: big })).headers).toMatch(/8 KiB in total/);
    expect(fieldsOf(http({ body: "b".repeat(64 * 1024 + 1) })).body).toMatch(/64 KiB/);
    expect(fieldsOf(http({ keyword: "k".repeat(1025) })).keyword).toMatch(/1 KiB/);
  });

  it("checks method, regions and thresholds", () => {
    expect(fieldsOf(http({ method: "TRACE" })).method).toMatch(/Method must be one of/);
    expect(fieldsOf(http({ regions: ["mars"] })).regions).toMatch(/Unknown region mars/);
    expect(fieldsOf(http({ failureThreshold: 0 })).failureThreshold).toBe("Failure threshold must be at least 1");
    expect(fieldsOf(http({ recoveryThreshold: 11 })).recoveryThreshold).toBe("Recovery threshold must be at most 10");
    expect(fieldsOf(http({ followRedirects: "yes" })).followRedirects).toMatch(/true or false/);
  });

  it("keeps names with markup or SQL verbatim", () => {
    const name = `<script>alert("x")</script>'; DROP TABLE monitors; --`;
    expect(validateMonitorInput(http({ name })).name).toBe(name);
  });

  it("needs a type and an object", () => {
    expect(fieldsOf({ name: "x" }).type).toMatch(/required/);
    expect(fieldsOf({ type: "ping", name: "x" }).type).toMatch(/"http", "heartbeat", "tcp", "dns" or "browser"/);
    expect(fieldsOf([1, 2])._).toBeTruthy();
    expect(fieldsOf(null)._).toBeTruthy();
  });
});

describe("monitor schema: heartbeat", () => {
  it("accepts a period with a default grace", () => {
    expect(validateMonitorInput(hb())).toEqual({
      type: "heartbeat",
      name: "Nightly backup",
      periodSeconds: 3600,
      graceSeconds: 300,
      cron: null,
      timezone: null,
      muted: false,
      remindEveryMinutes: null,
      failureThreshold: 1,
    });
  });

  it("accepts a cron with a timezone, defaulting to UTC", () => {
    expect(validateMonitorInput(hb({ periodSeconds: undefined, cron: "0 3 * * *", timezone: "Europe/Berlin", graceSeconds: 600 }))).toMatchObject({
      cron: "0 3 * * *",
      timezone: "Europe/Berlin",
      periodSeconds: null,
    });
    expect(validateMonitorInput(hb({ periodSeconds: undefined, cron: "@daily" }))).toMatchObject({ timezone: "UTC" });
  });

  it.each(["not a cron", "61 * * * *", "* * * *", "* * * * * *", "0 0 31 2 *", "@secondly", "@often"])("rejects the cron %j", (cron) => {
    expect(fieldsOf(hb({ periodSeconds: undefined, cron })).cron).toBeTruthy();
  });

  it("rejects an unknown timezone", () => {
    expect(fieldsOf(hb({ periodSeconds: undefined, cron: "0 3 * * *", timezone: "Mars/Olympus_Mons" })).timezone).toMatch(/Unknown timezone/);
    expect(fieldsOf(hb({ periodSeconds: undefined, cron: "0 3 * * *", timezone: "../../etc" })).timezone).toMatch(/Unknown timezone/);
  });

  it("needs exactly one of period and cron", () => {
    expect(fieldsOf(hb({ periodSeconds: undefined })).periodSeconds).toMatch(/Give a period/);
    expect(fieldsOf(hb({ cron: "0 3 * * *" })).periodSeconds).toMatch(/not both/);
    expect(fieldsOf(hb({ timezone: "UTC" })).timezone).toMatch(/only applies to a cron/);
  });

  it("bounds period and grace", () => {
    expect(fieldsOf(hb({ periodSeconds: 5 })).periodSeconds).toBe("Period must be at least 10 seconds");
    expect(fieldsOf(hb({ periodSeconds: 31 * 86_400 })).periodSeconds).toBe("Period must be at most 30 days");
    expect(fieldsOf(hb({ graceSeconds: 1 })).graceSeconds).toBe("Grace must be at least 10 seconds");
  });

  it("rejects HTTP fields and a client-set ping token", () => {
    const fields = fieldsOf(hb({ url: "https://example.com", intervalSeconds: 60, pingToken: "abc" }));
    expect(fields.url).toBe("URL is only for HTTP and browser monitors");
    expect(fields.intervalSeconds).toBe("Interval is only for HTTP, TCP, DNS and browser monitors");
    expect(fields.pingToken).toBe("Unknown field");
  });
});
