export const DEFAULT_AFTER_SIGN_IN = "/monitors";

// Control characters (tab, CR, LF …) and backslashes are dropped or turned into "/" by browsers' URL
// parsers, so "/\t/evil.example" or "/\\evil.example" become "//evil.example": another host.
const UNSAFE = /[\u0000-\u001f\u007f\\]/;
const MAX_LENGTH = 2048;

/** The text and everything it percent-decodes to, a few layers deep (a stray "%" ends the decoding). */
function decodings(text: string): string[] {
  const out = [text];
  let current = text;
  for (let i = 0; i < 3 && current.includes("%"); i++) {
    try {
      current = decodeURIComponent(current);
    } catch {
      break;
    }
    out.push(current);
  }
  return out;
}

/**
 * Where to send someone after signing in: a path on this site, or `fallback`. Accepts a same-origin
 * path ("/monitors/1?tab=checks") or an absolute URL on `origin` (what next-auth hands over), and
 * returns it as a path. Refuses anything whose raw or percent-decoded form holds a control character or
 * a backslash, starts with "//", or resolves to another origin.
 */
export function safeCallbackPath(input: unknown, origin?: string, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof input !== "string" || !input || input.length > MAX_LENGTH) return fallback;
  const forms = decodings(input);
  if (forms.some((f) => UNSAFE.test(f))) return fallback;
  let own: URL;
  try {
    own = new URL(origin ?? "http://vigil.invalid");
  } catch {
    return fallback;
  }
  const absolute = !input.startsWith("/");
  if (absolute && (!origin || !/^https?:\/\//i.test(input))) return fallback;
  let url: URL;
  try {
    url = new URL(input, own);
  } catch {
    return fallback;
  }
  if (url.origin !== own.origin) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  const pathForms = decodings(path);
  if (!path.startsWith("/") || pathForms.some((f) => f.startsWith("//") || UNSAFE.test(f))) return fallback;
  return path;
}

/**
 * next-auth's `redirect` callback: any URL it is about to send the browser to (after sign-in or
 * sign-out) becomes a path on APP_URL's origin. `requestOrigin` (next-auth's baseUrl) is accepted as an
 * alias for the site, since next-auth resolves "/" against it; anything else falls back to "/".
 */
export function redirectWithinSite(url: string, requestOrigin: string, appUrl: string): string {
  const site = new URL(appUrl).origin;
  const onRequestOrigin = url === requestOrigin || url.startsWith(`${requestOrigin}/`) || url.startsWith(`${requestOrigin}?`);
  const candidate = onRequestOrigin ? url.slice(requestOrigin.length) || "/" : url;
  return `${site}${safeCallbackPath(candidate, site, "/")}`;
}
