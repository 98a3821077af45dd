import { OP_LABELS, type Assertion } from "./assertion-ops";
import { selectJson } from "./json-path";
import { regexFind } from "./safe-regex";

/** An assertion as the engine runs it; the monitor's keyword is one too, reported as before. */
export type CheckAssertion = Assertion & { fromKeyword?: boolean };

/** What assertions are judged against: the response as read (body: at most the 1 MiB window). */
export type AssertionSubject = {
  statusCode: number;
  headers: Record<string, string | string[] | undefined>;
  /** null when no body/json assertion asked for it. */
  body: Buffer | null;
  /** The body went on past the window (its JSON is then not parsed). */
  bodyTruncated: boolean;
  responseTimeMs: number;
  /** The keyword's verdict from the streaming scan, when the body was not kept. */
  keywordFound?: boolean | null;
};

/** index: the failing assertion's position in the monitor's list (-1: the keyword). */
export type AssertionFailure = { index: number; errorClass: "assertion" | "keyword"; message: string };

const SHOWN = 100;
// Values of these response headers may be credentials: never echoed into a check's error.
const SECRET_HEADERS = new Set(["set-cookie", "authorization", "proxy-authorization", "www-authenticate", "proxy-authenticate", "cookie"]);

const cut = (s: string) => (s.length > SHOWN ? `${s.slice(0, SHOWN)}…` : s);
const show = (v: unknown): string => (typeof v === "number" ? String(v) : typeof v === "string" ? `"${cut(v)}"` : cut(JSON.stringify(v) ?? String(v)));

const numeric = (v: unknown): number | null => {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
};

const text = (v: unknown): string => (typeof v === "string" ? v : (JSON.stringify(v) ?? String(v)));

function equals(actual: unknown, expected: string | number | null): boolean {
  if (typeof actual === "number") return numeric(expected) === actual;
  return text(actual) === String(expected);
}

function compareNumbers(op: Assertion["op"], actual: number, expected: number): boolean {
  switch (op) {
    case "lt":
      return actual < expected;
    case "lte":
      return actual <= expected;
    case "gt":
      return actual > expected;
    default:
      return actual >= expected;
  }
}

/** Did `op value` hold for one present value? (Absent values are handled by the caller.) */
function holds(a: Assertion, actual: unknown): boolean {
  const expected = a.value;
  switch (a.op) {
    case "eq":
      return equals(actual, expected);
    case "neq":
      return !equals(actual, expected);
    case "contains":
    case "notContains": {
      const found = Array.isArray(actual) ? actual.some((x) => equals(x, expected)) : text(actual).includes(String(expected));
      return a.op === "contains" ? found : !found;
    }
    case "matches":
      return regexFind(String(expected), text(actual));
    case "exists":
      return true;
    default: {
      const n = numeric(actual);
      const e = numeric(expected);
      return n !== null && e !== null && compareNumbers(a.op, n, e);
    }
  }
}

function describe(a: Assertion): string {
  const subject = a.source === "header" ? `header ${a.property}` : a.source === "json" ? `json ${a.property}` : a.source;
  return a.op === "exists" ? `${subject} exists` : `${subject} ${OP_LABELS[a.op]} ${show(a.value)}`;
}

/**
 * Judges every assertion in order and returns the first that fails (a check names one failure, the
 * one a person fixes first), or null when all hold. JSON is parsed once, and only when a json
 * assertion exists. Never throws: a body that is not JSON is that assertion's failure.
 */
export function evaluateAssertions(list: readonly CheckAssertion[], s: AssertionSubject): AssertionFailure | null {
  let json: { ok: true; doc: unknown } | { ok: false; why: string } | null = null;
  const parsedBody = () => {
    if (json) return json;
    if (s.bodyTruncated) return (json = { ok: false, why: "the body is larger than 1 MiB, so it was not parsed as JSON" });
    try {
      json = { ok: true, doc: JSON.parse((s.body ?? Buffer.alloc(0)).toString("utf8")) };
    } catch {
      json = { ok: false, why: "the body is not valid JSON" };
    }
    return json;
  };

  let n = -1; // position among the monitor's own assertions (the keyword is not numbered)
  for (const a of list) {
    if (!a.fromKeyword) n++;
    const fail = (got: string): AssertionFailure => ({
      index: n,
      errorClass: "assertion",
      message: cut2(`Assertion ${n + 1} failed: ${describe(a)}; got ${got}`),
    });
    try {
      if (a.fromKeyword) {
        const found = s.body ? s.body.indexOf(Buffer.from(String(a.value), "utf8")) !== -1 : Boolean(s.keywordFound);
        const kw = cut(String(a.value));
        if (a.op === "contains" && !found) return { index: -1, errorClass: "keyword", message: `Keyword "${kw}" not found in the first 1 MiB` };
        if (a.op === "notContains" && found)
          return { index: -1, errorClass: "keyword", message: `Keyword "${kw}" found in the response body (expected absent)` };
        continue;
      }
      switch (a.source) {
        case "status":
          if (!holds(a, s.statusCode)) return fail(String(s.statusCode));
          break;
        case "responseTime":
          if (!holds(a, Math.round(s.responseTimeMs))) return fail(`${Math.round(s.responseTimeMs)} ms`);
          break;
        case "header": {
          const raw = s.headers[String(a.property).toLowerCase()];
          if (raw === undefined) {
            if (a.op !== "neq" && a.op !== "notContains") return fail("no such header");
            break;
          }
          const value = Array.isArray(raw) ? raw.join(", ") : raw;
          if (!holds(a, value)) return fail(SECRET_HEADERS.has(String(a.property).toLowerCase()) ? "(value hidden)" : show(value));
          break;
        }
        case "body": {
          const body = s.body ?? Buffer.alloc(0);
          if (a.op === "matches") {
            if (!regexFind(String(a.value), body.toString("utf8"))) return fail("no match in the first 1 MiB");
          } else {
            const found = body.indexOf(Buffer.from(String(a.value), "utf8")) !== -1;
            if (a.op === "contains" && !found) return fail("not found in the first 1 MiB");
            if (a.op === "notContains" && found) return fail("found in the body");
          }
          break;
        }
        case "json": {
          const parsed = parsedBody();
          if (!parsed.ok) return fail(parsed.why);
          const values = selectJson(parsed.doc, String(a.property));
          if (values.length === 0) {
            if (a.op !== "neq" && a.op !== "notContains") return fail(`nothing at ${cut(String(a.property))}`);
            break;
          }
          // A path that selects several values is judged by the first (document order).
          if (!holds(a, values[0])) return fail(show(values[0]));
          break;
        }
      }
    } catch {
      return fail("an assertion that could not be evaluated");
    }
  }
  return null;
}

// The whole message stays short enough for an incident cause and an alert line.
const cut2 = (s: string) => (s.length > 400 ? `${s.slice(0, 400)}…` : s);

/** Does this list need the body kept (not just scanned)? */
export const needsBody = (list: readonly CheckAssertion[]) => list.some((a) => !a.fromKeyword && (a.source === "body" || a.source === "json"));

/** The list a check runs: the monitor's keyword first (as the body assertion it stands for), then its assertions. */
export function checkAssertions(keyword: Assertion | null, assertions: readonly Assertion[] | null | undefined): CheckAssertion[] {
  return [...(keyword ? [{ ...keyword, fromKeyword: true }] : []), ...(assertions ?? [])];
}
