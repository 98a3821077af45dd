import { ValidationError } from "../errors";

/** Postgres text and jsonb cannot hold U+0000: a NUL that got past the parser would end as a 500. */
const NUL = "\u0000";

/**
 * JSON.parse for text from a client, refusing a NUL character in any string or key with a 400 (no field
 * of Vigil means anything with one, and Postgres can't store it). `invalid` is the message for text
 * that isn't JSON at all.
 */
export function parseClientJson(text: string, invalid = "Request body must be valid JSON"): unknown {
  let nul = false;
  let value: unknown;
  try {
    value = JSON.parse(text, function (key, v: unknown) {
      if (key.includes(NUL) || (typeof v === "string" && v.includes(NUL))) nul = true;
      return v;
    });
  } catch {
    throw new ValidationError(invalid);
  }
  if (nul) throw new ValidationError("Text must not contain NUL (\\u0000) characters");
  return value;
}

/** True when a query string's names or values hold a NUL (`%00`). */
export function queryHasNul(params: URLSearchParams): boolean {
  for (const [k, v] of params) if (k.includes(NUL) || v.includes(NUL)) return true;
  return false;
}
