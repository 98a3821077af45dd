/**
 * Kuma's "json-query" monitors hold a JSONata expression. The common case is a plain path
 * (`status`, `$.data.items[0].state`), which is exactly a JSONPath; anything with functions,
 * predicates, wildcards or operators has no faithful JSONPath and yields null.
 */
const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[\d+\])*$/;

export function jsonataPathToJsonPath(expression: string): string | null {
  let expr = expression.trim();
  if (expr === "$") return "$";
  if (expr.startsWith("$.")) expr = expr.slice(2);
  else if (expr.startsWith("$")) return null; // $sum(…), $string(…) and other JSONata functions
  if (expr === "") return null;
  const segments = expr.split(".");
  if (!segments.every((s) => SEGMENT.test(s))) return null;
  return `$.${segments.join(".")}`;
}
