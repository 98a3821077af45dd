import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkReq, startHttp, type Target } from "./__fixtures__/targets";
import type { Assertion } from "./assertion-schema";
import { runHttpCheck } from "./http-check";

// A JSON health endpoint whose body says "degraded" under a 200, the case a status check can't see.
let health = { status: "ok", db: { latencyMs: 4 }, version: "2.1.0" };
let target: Target;
beforeAll(async () => {
  target = await startHttp((req, res) => {
    if (req.url === "/health") return res.writeHead(200, { "content-type": "application/json", "x-served-by": "api-1" }).end(JSON.stringify(health));
    if (req.url === "/html") return res.writeHead(200, { "content-type": "text/html" }).end("<h1>Welcome</h1>");
    if (req.url === "/huge") {
      res.writeHead(200, { "content-type": "application/json" });
      return res.end(`{"pad":"${"x".repeat(1024 * 1024 + 10)}","status":"ok"}`);
    }
    res.writeHead(404).end();
  });
});
afterAll(() => target.close());

const run = (path: string, assertions: Assertion[], over = {}) => runHttpCheck(checkReq(target.url(path), { assertions, ...over }));
const json = (property: string, op: Assertion["op"], value: Assertion["value"] = null): Assertion => ({ source: "json", property, op, value });

describe("runHttpCheck with assertions", () => {
  it("a JSON endpoint: up while the body says ok, down with the assertion named when it turns degraded", async () => {
    const list = [
      json("$.status", "eq", "ok"),
      json("$.db.latencyMs", "lt", 50),
      { source: "header", property: "X-Served-By", op: "matches", value: "^api-\\d+$" } as Assertion,
      { source: "responseTime", property: null, op: "lt", value: 5000 } as Assertion,
    ];
    expect(await run("/health", list)).toMatchObject({ ok: true, error: null, bodySnippet: null });

    health = { ...health, status: "degraded" };
    const down = await run("/health", list);
    expect(down).toMatchObject({ ok: false, statusCode: 200, errorClass: "assertion", error: 'Assertion 1 failed: json $.status equals "ok"; got "degraded"' });
    expect(down.bodySnippet).toContain('"degraded"');
    health = { ...health, status: "ok" };
  });

  it("the keyword and assertions run together, the keyword first with its usual message", async () => {
    const r = await run("/health", [json("$.version", "eq", "2.1.0")], { keyword: "maintenance", keywordMode: "present" });
    expect(r).toMatchObject({ ok: false, errorClass: "keyword", error: 'Keyword "maintenance" not found in the first 1 MiB' });
    expect(await run("/health", [json("$.version", "eq", "2.1.0")], { keyword: "2.1.0", keywordMode: "present" })).toMatchObject({ ok: true });
    expect(await run("/health", [json("$.version", "eq", "3")], { keyword: "2.1.0", keywordMode: "present" })).toMatchObject({
      ok: false,
      error: expect.stringContaining("Assertion 1 failed"),
    });
  });

  it("a status assertion fails as an assertion; an HTML body fails json assertions as not JSON", async () => {
    expect(await run("/health", [{ source: "status", property: null, op: "neq", value: 200 }])).toMatchObject({
      ok: false,
      errorClass: "assertion",
      error: "Assertion 1 failed: status does not equal 200; got 200",
    });
    expect(await run("/html", [json("$.status", "exists")])).toMatchObject({
      ok: false,
      error: "Assertion 1 failed: json $.status exists; got the body is not valid JSON",
    });
    expect(await run("/html", [{ source: "body", property: null, op: "matches", value: "<h1>\\w+</h1>" }])).toMatchObject({ ok: true });
  });

  it("reads at most 1 MiB: a larger JSON body is not parsed, and says so", async () => {
    const r = await run("/huge", [json("$.status", "eq", "ok")]);
    expect(r).toMatchObject({ ok: false, error: expect.stringContaining("larger than 1 MiB") });
  });
});
