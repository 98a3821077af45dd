/**
 * Response assertions of an HTTP monitor: `{source, property, op, value}`; every one must hold. The
 * tuples are shared by the API schema (assertion-schema.ts), the form's selects and the evaluator.
 * Client-safe: no parser or regex engine here, so the form can import it.
 */
export const ASSERTION_SOURCES = ["status", "header", "body", "json", "responseTime"] as const;
export const ASSERTION_OPS = ["eq", "neq", "contains", "notContains", "lt", "lte", "gt", "gte", "matches", "exists"] as const;
export type AssertionSource = (typeof ASSERTION_SOURCES)[number];
export type AssertionOp = (typeof ASSERTION_OPS)[number];

/** Which ops make sense on which source (the form filters its op select by this). */
export const OPS_BY_SOURCE: Record<AssertionSource, readonly AssertionOp[]> = {
  status: ["eq", "neq", "lt", "lte", "gt", "gte"],
  header: ["eq", "neq", "contains", "notContains", "matches", "exists"],
  body: ["contains", "notContains", "matches"],
  json: ["eq", "neq", "contains", "notContains", "lt", "lte", "gt", "gte", "matches", "exists"],
  responseTime: ["lt", "lte", "gt", "gte"],
};
export const NUMERIC_OPS: readonly AssertionOp[] = ["lt", "lte", "gt", "gte"];

export const MAX_ASSERTIONS = 20;
export const MAX_ASSERTION_VALUE_LENGTH = 1000;

/** Stored and returned shape: property and value are null where the source or op takes none. */
export type Assertion = { source: AssertionSource; property: string | null; op: AssertionOp; value: string | number | null };

export const OP_LABELS: Record<AssertionOp, string> = {
  eq: "equals",
  neq: "does not equal",
  contains: "contains",
  notContains: "does not contain",
  lt: "less than",
  lte: "at most",
  gt: "greater than",
  gte: "at least",
  matches: "matches regex",
  exists: "exists",
};
export const SOURCE_LABELS: Record<AssertionSource, string> = {
  status: "Status code",
  header: "Header",
  body: "Body",
  json: "JSON body",
  responseTime: "Response time (ms)",
};
