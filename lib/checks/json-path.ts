import { query, type JsonValue } from "jsonpath-rfc9535";
import parse from "jsonpath-rfc9535/parser";

/**
 * JSONPath for response assertions, RFC 9535 (jsonpath-rfc9535: a Peggy parser and an AST walker, no
 * eval or Function anywhere, so a path is data, never code). The one part of RFC 9535 that could
 * hurt a worker is the match()/search() filter functions: the library turns their pattern into a
 * backtracking JavaScript RegExp, so a path like $[?match(@.a, "(a+)+b")] could pin a CPU. Paths that
 * call them are refused at validation (and again here); regular expressions belong in the assertion's
 * own `matches` op, which runs on RE2.
 */

export const MAX_JSON_PATH_LENGTH = 256;
const REGEX_FUNCTIONS = new Set(["match", "search"]);

/** Why a JSONPath is not accepted, or null when it is. */
export function jsonPathProblem(path: string): string | null {
  if (!path.startsWith("$")) return "JSONPath must start with $, e.g. $.status or $.items[0].name";
  if (path.length > MAX_JSON_PATH_LENGTH) return `JSONPath must be at most ${MAX_JSON_PATH_LENGTH} characters`;
  let ast: unknown;
  try {
    ast = parse(path);
  } catch {
    return "JSONPath does not parse; use a form like $.status or $.items[0].name";
  }
  if (callsRegexFunction(ast)) return "JSONPath may not call match() or search(); use the matches operator instead";
  return null;
}

function callsRegexFunction(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(callsRegexFunction);
  if (!node || typeof node !== "object") return false;
  const n = node as { type?: unknown; name?: unknown };
  if (n.type === "FunctionExpr" && typeof n.name === "string" && REGEX_FUNCTIONS.has(n.name)) return true;
  return Object.values(node).some(callsRegexFunction);
}

/** The values a valid path selects in a parsed JSON document (empty when nothing matches). */
export function selectJson(doc: unknown, path: string): unknown[] {
  const problem = jsonPathProblem(path);
  if (problem) throw new Error(problem);
  return query(doc as JsonValue, path);
}
