import { describe, expect, it } from "vitest";
import { fieldsFromZod } from "@/lib/errors";
import { Assertions, type Assertion } from "./assertion-schema";
import { checkAssertions, evaluateAssertions, type AssertionSubject } from "./assertions";
import { jsonPathProblem, selectJson } from "./json-path";
import { regexFind, regexProblem } from "./safe-regex";

const subject = (over: Partial<AssertionSubject> = {}): AssertionSubject => ({
  statusCode: 200,
  headers: { "content-type": "application/json; charset=utf-8", "set-cookie": ["session=s3cr3t-token"], "x-version": "1.4.2" },
  body: Buffer.from(JSON.stringify({ status: "degraded", checks: [{ name: "db", ok: true, ms: 12 }], count: 3, tags: ["a", "b"], nested: { deep: null } })),
  bodyTruncated: false,
  responseTimeMs: 120.4,
  ...over,
});
const a = (source: Assertion["source"], op: Assertion["op"], value: Assertion["value"] = null, property: string | null = null): Assertion => ({
  source,
  property,
  op,
  value,
});
const run = (list: Assertion[], s = subject()) => evaluateAssertions(list, s);

describe("evaluateAssertions", () => {
  it("passes when every assertion holds", () => {
    expect(
      run([
        a("status", "eq", 200),
        a("status", "lt", 300),
        a("header", "contains", "application/json", "Content-Type"),
        a("header", "matches", "^1\\.\\d+\\.\\d+$", "x-version"),
        a("header", "exists", null, "set-cookie"),
        a("header", "neq", "x", "x-absent"),
        a("body", "contains", '"count":3'),
        a("body", "notContains", "error"),
        a("json", "eq", "degraded", "$.status"),
        a("json", "eq", 3, "$.count"),
        a("json", "eq", "3", "$.count"),
        a("json", "gte", 10, "$.checks[0].ms"),
        a("json", "eq", "true", "$.checks[0].ok"),
        a("json", "contains", "b", "$.tags"),
        a("json", "exists", null, "$.nested.deep"),
        a("json", "eq", "db", "$.checks[?@.ok == true].name"),
        a("responseTime", "lt", 500),
      ]),
    ).toBeNull();
  });

  it("names the failing assertion, the expected and the actual value", () => {
    expect(run([a("status", "eq", 200), a("json", "eq", "ok", "$.status")])).toEqual({
      index: 1,
      errorClass: "assertion",
      message: 'Assertion 2 failed: json $.status equals "ok"; got "degraded"',
    });
    expect(run([a("status", "eq", 201)])).toMatchObject({ errorClass: "assertion", message: "Assertion 1 failed: status equals 201; got 200" });
    expect(run([a("responseTime", "lt", 100)])?.message).toBe("Assertion 1 failed: responseTime less than 100; got 120 ms");
    expect(run([a("json", "exists", null, "$.missing")])?.message).toBe("Assertion 1 failed: json $.missing exists; got nothing at $.missing");
    expect(run([a("header", "eq", "2.0.0", "X-Version")])?.message).toBe('Assertion 1 failed: header X-Version equals "2.0.0"; got "1.4.2"');
    expect(run([a("body", "contains", "all good")])?.message).toBe('Assertion 1 failed: body contains "all good"; got not found in the first 1 MiB');
    expect(run([a("json", "lt", 5, "$.status")])?.message).toContain('got "degraded"');
  });

  it("hides credential-bearing header values and bounds the message", () => {
    const secret = run([a("header", "contains", "admin", "Set-Cookie")]);
    expect(secret?.message).toContain("(value hidden)");
    expect(secret?.message).not.toContain("s3cr3t");
    const long = run([a("json", "eq", "x", "$.big")], subject({ body: Buffer.from(JSON.stringify({ big: "y".repeat(10_000) })) }));
    expect(long!.message.length).toBeLessThan(300);
    expect(long!.message).toContain("…");
  });

  it("a body that is not JSON (or past the 1 MiB window) fails json assertions clearly", () => {
    expect(run([a("json", "exists", null, "$.a")], subject({ body: Buffer.from("<html>") }))?.message).toBe(
      "Assertion 1 failed: json $.a exists; got the body is not valid JSON",
    );
    expect(run([a("json", "exists", null, "$.a")], subject({ bodyTruncated: true }))?.message).toContain("larger than 1 MiB");
  });

  it("keeps the keyword's own messages when the keyword runs as an assertion", () => {
    const kw = (value: string, op: "contains" | "notContains") => checkAssertions({ source: "body", property: null, op, value }, []);
    expect(run(kw("nowhere", "contains"))).toEqual({ index: -1, errorClass: "keyword", message: 'Keyword "nowhere" not found in the first 1 MiB' });
    expect(run(kw("degraded", "notContains"))?.message).toBe('Keyword "degraded" found in the response body (expected absent)');
    expect(run(kw("degraded", "contains"))).toBeNull();
    expect(run(kw("x", "contains"), subject({ body: null, keywordFound: true }))).toBeNull();
  });

  it("matches runs on RE2: a catastrophic pattern on a long subject finishes at once", () => {
    const started = performance.now();
    expect(run([a("body", "matches", "(a+)+b")], subject({ body: Buffer.alloc(200_000, "a") }))?.message).toContain("no match");
    expect(performance.now() - started).toBeLessThan(1000);
    expect(regexFind("^(a|aa)+$", "a".repeat(5000) + "!")).toBe(false);
  });
});

describe("Assertions schema (bad input)", () => {
  const fields = (input: unknown) => {
    const r = Assertions.safeParse(input);
    return r.success ? null : fieldsFromZod(r.error.issues);
  };

  it("normalizes good input: numbers from the form's text, null property and value where none applies", () => {
    const r = Assertions.parse([
      { source: "status", op: "eq", value: "200" },
      { source: "json", property: "$.status", op: "eq", value: "ok" },
      { source: "header", property: "Content-Type", op: "exists", value: "ignored" },
      { source: "responseTime", property: "", op: "lte", value: 800 },
    ]);
    expect(r).toEqual([
      { source: "status", property: null, op: "eq", value: 200 },
      { source: "json", property: "$.status", op: "eq", value: "ok" },
      { source: "header", property: "Content-Type", op: "exists", value: null },
      { source: "responseTime", property: null, op: "lte", value: 800 },
    ]);
  });

  it("a JSONPath that doesn't parse, or calls a regex function, is a field error on its property", () => {
    expect(fields([{ source: "json", property: "$.a[", op: "exists" }])).toEqual({ "0.property": expect.stringContaining("does not parse") });
    expect(fields([{ source: "json", property: "status", op: "exists" }])).toEqual({ "0.property": expect.stringContaining("must start with $") });
    expect(fields([{ source: "json", property: '$[?match(@.a, "(a+)+b")]', op: "exists" }])).toEqual({
      "0.property": expect.stringContaining("match() or search()"),
    });
    expect(fields([{ source: "json", op: "exists" }])).toEqual({ "0.property": "JSONPath is required, e.g. $.status" });
  });

  it("an op that doesn't fit its source is a field error on op", () => {
    expect(fields([{ source: "header", property: "x-a", op: "lt", value: 3 }])).toEqual({ "0.op": expect.stringContaining('"lt" does not apply to header') });
    expect(fields([{ source: "status", op: "exists" }])).toEqual({ "0.op": expect.stringContaining('"exists" does not apply to status') });
    expect(fields([{ source: "responseTime", op: "contains", value: "1" }])).toEqual({ "0.op": expect.any(String) });
    expect(fields([{ source: "body", op: "gt", value: 1 }])).toEqual({ "0.op": expect.any(String) });
  });

  it("values: required, numeric where compared, a status in range, a regex RE2 accepts", () => {
    expect(fields([{ source: "status", op: "eq" }])).toEqual({ "0.value": "Value is required" });
    expect(fields([{ source: "json", property: "$.n", op: "gt", value: "many" }])).toEqual({ "0.value": "Value must be a number" });
    expect(fields([{ source: "status", op: "eq", value: 42 }])).toEqual({ "0.value": expect.stringContaining("100 to 599") });
    expect(fields([{ source: "body", op: "matches", value: "(?<=a)b" }])).toEqual({ "0.value": expect.stringContaining("Invalid regular expression") });
    expect(fields([{ source: "body", op: "matches", value: "a".repeat(501) }])).toEqual({ "0.value": expect.stringContaining("at most 500") });
    expect(fields([{ source: "header", property: "bad name", op: "exists" }])).toEqual({ "0.property": expect.stringContaining("not a valid header name") });
    expect(fields([{ source: "status", property: "x", op: "eq", value: 200 }])).toEqual({ "0.property": "A status assertion takes no property" });
  });

  it("at most 20, unknown keys and sources refused", () => {
    const one = { source: "status", op: "eq", value: 200 };
    expect(Assertions.safeParse(Array(20).fill(one)).success).toBe(true);
    expect(fields(Array(21).fill(one))).toEqual({ _: "Use at most 20 assertions" });
    expect(fields([{ ...one, extra: 1 }])).toEqual({ "0": expect.any(String) });
    expect(fields([{ source: "cookie", op: "eq", value: 1 }])).toEqual({ "0.source": expect.stringContaining("Source must be one of") });
    expect(fields("nope")).toEqual({ _: "Assertions must be a list" });
  });
});

describe("json-path and safe-regex", () => {
  it("selects RFC 9535 paths and refuses what doesn't parse", () => {
    expect(selectJson({ a: { b: [7, 8] } }, "$.a.b[0]")).toEqual([7]);
    expect(selectJson({ a: { b: [7, 8] } }, "$.a.b[-1]")).toEqual([8]);
    expect(selectJson({ a: 1 }, "$.x.y")).toEqual([]);
    expect(jsonPathProblem("$..a")).toBeNull();
    expect(() => selectJson({}, "$[")).toThrow();
  });
  it("RE2 refuses backreferences", () => {
    expect(regexProblem("(a)\\1")).toContain("Invalid regular expression");
    expect(regexProblem("^ok$")).toBeNull();
  });
});
