import { z } from "zod";
import { jsonPathProblem, MAX_JSON_PATH_LENGTH } from "./json-path";
import { regexProblem } from "./safe-regex";
import { ASSERTION_OPS, ASSERTION_SOURCES, MAX_ASSERTION_VALUE_LENGTH, MAX_ASSERTIONS, NUMERIC_OPS, OPS_BY_SOURCE, type Assertion } from "./assertion-ops";

export * from "./assertion-ops";

/** The API's and the form's validation of assertions (server side: it parses paths and regexes). */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$/;

const numeric = (v: string | number | null | undefined): number | null => {
  if (typeof v === "number") return Number.isFinite(v) ? v : null;
  if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
  return null;
};

const AssertionFields = z
  .object(
    {
      source: z.enum(ASSERTION_SOURCES, { error: `Source must be one of ${ASSERTION_SOURCES.join(", ")}` }),
      property: z.string({ error: "Property must be text" }).trim().nullish(),
      op: z.enum(ASSERTION_OPS, { error: `Operator must be one of ${ASSERTION_OPS.join(", ")}` }),
      value: z.union([z.string(), z.number()], { error: "Value must be text or a number" }).nullish(),
    },
    { error: "Each assertion must be an object {source, property, op, value}" },
  )
  .strict();

/** One assertion, normalized; every message lands on the field it is about (assertions.N.op …). */
export const AssertionInput = AssertionFields.superRefine((a, ctx) => {
  const at = (field: "property" | "op" | "value", message: string) => ctx.addIssue({ code: "custom", path: [field], message });
  const property = a.property ?? "";
  if (a.source === "header") {
    if (!property) at("property", "Header name is required");
    else if (!HEADER_NAME.test(property)) at("property", `"${property.slice(0, 40)}" is not a valid header name`);
  } else if (a.source === "json") {
    if (!property) at("property", "JSONPath is required, e.g. $.status");
    else if (property.length > MAX_JSON_PATH_LENGTH) at("property", `JSONPath must be at most ${MAX_JSON_PATH_LENGTH} characters`);
    else {
      const problem = jsonPathProblem(property);
      if (problem) at("property", problem);
    }
  } else if (property) at("property", `A ${a.source} assertion takes no property`);

  if (!OPS_BY_SOURCE[a.source].includes(a.op)) {
    return at("op", `"${a.op}" does not apply to ${a.source}; use one of ${OPS_BY_SOURCE[a.source].join(", ")}`);
  }
  if (a.op === "exists") return;
  const value = a.value;
  if (value === null || value === undefined || value === "") return at("value", "Value is required");
  if (typeof value === "string" && value.length > MAX_ASSERTION_VALUE_LENGTH)
    return at("value", `Value must be at most ${MAX_ASSERTION_VALUE_LENGTH} characters`);
  const needsNumber = NUMERIC_OPS.includes(a.op) || a.source === "status" || a.source === "responseTime";
  if (needsNumber && numeric(value) === null) return at("value", "Value must be a number");
  if (a.source === "status" && !(Number.isInteger(numeric(value)) && numeric(value)! >= 100 && numeric(value)! <= 599))
    return at("value", "Status must be a whole number from 100 to 599");
  if (a.op === "matches") {
    const problem = regexProblem(String(value));
    if (problem) at("value", problem);
  }
}).transform((a): Assertion => {
  const takesProperty = a.source === "header" || a.source === "json";
  const needsNumber = NUMERIC_OPS.includes(a.op) || a.source === "status" || a.source === "responseTime";
  const value = a.op === "exists" ? null : needsNumber ? numeric(a.value)! : (a.value ?? null);
  return { source: a.source, property: takesProperty ? (a.property ?? "") : null, op: a.op, value };
});

export const Assertions = z.array(AssertionInput, { error: "Assertions must be a list" }).max(MAX_ASSERTIONS, `Use at most ${MAX_ASSERTIONS} assertions`);

/** The monitor's keyword as the body assertion it stands for (the API keeps keyword as its own field). */
export function keywordAssertion(keyword: string | null | undefined, mode: "present" | "absent"): Assertion | null {
  if (!keyword) return null;
  return { source: "body", property: null, op: mode === "absent" ? "notContains" : "contains", value: keyword };
}
