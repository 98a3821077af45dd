import { RE2JS } from "re2js";

/**
 * User regular expressions (the `matches` assertion op) run on RE2 (re2js, a pure-JS port): matching
 * is linear in the subject, so no pattern can backtrack catastrophically on a worker. RE2 has no
 * lookaround or backreferences; such a pattern is refused at validation with the parser's reason.
 * The pattern length is capped too, which bounds the compiled program.
 */
export const MAX_REGEX_LENGTH = 500;

const cache = new Map<string, RE2JS>();
const CACHE_MAX = 500;

function compile(pattern: string): RE2JS {
  let re = cache.get(pattern);
  if (!re) {
    re = RE2JS.compile(pattern);
    if (cache.size >= CACHE_MAX) cache.delete(cache.keys().next().value!);
    cache.set(pattern, re);
  }
  return re;
}

/** Why a pattern is refused, or null. */
export function regexProblem(pattern: string): string | null {
  if (pattern.length > MAX_REGEX_LENGTH) return `Regular expression must be at most ${MAX_REGEX_LENGTH} characters`;
  try {
    compile(pattern);
    return null;
  } catch (err) {
    const reason = String((err as Error).message ?? "")
      .replace(/^error parsing regexp:\s*/, "")
      .slice(0, 120);
    return `Invalid regular expression (RE2 syntax: no lookaround or backreferences): ${reason}`;
  }
}

/** Does the pattern match anywhere in the subject? Throws on an invalid pattern. */
export function regexFind(pattern: string, subject: string): boolean {
  return compile(pattern).matcher(subject).find();
}
