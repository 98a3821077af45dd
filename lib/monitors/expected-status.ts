/**
 * Expected status codes: a comma list of codes or ranges, e.g. "200-299,301". The form, the API and
 * the check engine share this grammar, so a spec that validates is exactly a spec that matches.
 */
export type StatusRange = readonly [low: number, high: number];

const PART = /^(\d{3})(?:-(\d{3}))?$/;
export const MAX_EXPECTED_STATUS_LENGTH = 200;

/** Parses a spec into ranges; throws an Error with a human message on anything malformed. */
export function parseExpectedStatus(spec: string): StatusRange[] {
  if (spec.length > MAX_EXPECTED_STATUS_LENGTH) throw new Error("Expected status list is too long");
  const parts = spec.split(",").map((p) => p.trim());
  if (parts.length === 0 || parts.every((p) => p === "")) throw new Error("Give at least one status code, e.g. 200-299");
  const ranges: StatusRange[] = [];
  for (const part of parts) {
    if (part === "") throw new Error("Remove the empty entry between commas");
    const m = PART.exec(part);
    if (!m) throw new Error(`"${part.slice(0, 20)}" is not a status code or range like 200-299`);
    const low = Number(m[1]);
    const high = m[2] === undefined ? low : Number(m[2]);
    for (const code of [low, high]) {
      if (code < 100 || code > 599) throw new Error(`Status codes go from 100 to 599 (got ${code})`);
    }
    if (low > high) throw new Error(`Range ${part} runs backwards: write the lower code first`);
    ranges.push([low, high]);
  }
  return ranges;
}

/** The spec as a normalized string ("200-299,301"), or null when malformed. */
export function normalizeExpectedStatus(spec: string): string | null {
  try {
    return parseExpectedStatus(spec)
      .map(([lo, hi]) => (lo === hi ? String(lo) : `${lo}-${hi}`))
      .join(",");
  } catch {
    return null;
  }
}

/** Whether a response code satisfies a spec (a string, parsed each call, or pre-parsed ranges). */
export function statusMatches(code: number, spec: string | readonly StatusRange[]): boolean {
  const ranges = typeof spec === "string" ? parseExpectedStatus(spec) : spec;
  return ranges.some(([lo, hi]) => code >= lo && code <= hi);
}
