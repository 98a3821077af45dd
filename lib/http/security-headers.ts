// Security headers for every answer the web server gives: one pure module, used by next.config.ts
// (pages and routes Next renders) and by server.ts (what it answers itself before Next: /ping/* and
// cached public status pages, and everything else at runtime, where HSTS depends on APP_URL).

export type HeaderProfile = "app" | "status" | "api";
export type SecurityHeaderOptions = {
  /** HSTS is sent only when the app is served over https (APP_URL). */
  appUrl?: string;
  /** `next dev` needs eval and a websocket for fast refresh, everywhere. */
  dev?: boolean;
};

const csp = (directives: Record<string, string>) =>
  Object.entries(directives)
    .map(([k, v]) => `${k} ${v}`)
    .join("; ");

/**
 * Signed-in app and marketing pages. Next's App Router hydrates from inline scripts (the RSC payload),
 * so script-src allows 'unsafe-inline'; nonces would force every page to render dynamically. What the
 * policy still buys: no script, style, frame or form target from another origin, no plugins, no <base>
 * hijack, and no framing (clickjacking).
 */
function appPolicy(dev: boolean): string {
  return csp({
    "default-src": "'self'",
    "script-src": dev ? "'self' 'unsafe-inline' 'unsafe-eval'" : "'self' 'unsafe-inline'",
    "style-src": "'self' 'unsafe-inline'", // React style attributes (charts, bars)
    "img-src": "'self' data: blob: https:", // the status page editor previews the page's https logo
    "font-src": "'self' data:",
    "connect-src": dev ? "'self' ws: wss:" : "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
  });
}

/**
 * Public status pages work without JavaScript (server-rendered HTML, a plain subscribe form), so no
 * script runs there at all, inline or not: a page whose text comes from many tenants, shown to the
 * public, can't be turned into a script host. Style attributes are allowed (the uptime bars use them).
 * frame-ancestors 'none' until status pages get an embed setting naming who may frame them.
 */
const STATUS_POLICY = csp({
  "default-src": "'none'",
  "script-src": "'none'",
  "style-src": "'self' 'unsafe-inline'",
  "img-src": "'self' data: https:", // a page's logo (https only, lib/status-pages/branding.ts)
  "font-src": "'self' data:",
  "base-uri": "'none'",
  "form-action": "'self'",
  "frame-ancestors": "'none'",
});

/** JSON and plain-text answers (API, ping ingest): nothing in them is ever rendered as a document. */
const API_POLICY = csp({ "default-src": "'none'", "frame-ancestors": "'none'" });

/** Which policy a path gets. Next-auth's own routes (/api/auth/*) may answer with HTML: app policy. */
export function profileFor(path: string | undefined): HeaderProfile {
  const p = (path ?? "/").split("?")[0]!;
  if (p === "/status" || p.startsWith("/status/")) return "status";
  if (p.startsWith("/ping/") || p === "/api/v1" || p.startsWith("/api/v1/")) return "api";
  return "app";
}

const HSTS = "max-age=31536000; includeSubDomains";

/** The headers for one profile, as [name, value] pairs in a stable order. */
export function securityHeaders(profile: HeaderProfile, o: SecurityHeaderOptions = {}): [string, string][] {
  const dev = o.dev ?? false;
  // In development every page hydrates with fast refresh (eval, websocket): status pages included.
  const policy = profile === "api" ? API_POLICY : profile === "status" && !dev ? STATUS_POLICY : appPolicy(dev);
  const headers: [string, string][] = [
    ["Content-Security-Policy", policy],
    ["X-Content-Type-Options", "nosniff"],
    ["Referrer-Policy", "strict-origin-when-cross-origin"],
    ["X-Frame-Options", "DENY"], // for browsers without CSP frame-ancestors
  ];
  if (o.appUrl?.startsWith("https:")) headers.push(["Strict-Transport-Security", HSTS]);
  return headers;
}

/**
 * next.config.ts `headers()`: later rules override earlier ones for the same header name. HSTS is not
 * here: Next fixes these rules at build time, and whether APP_URL is https is only known at runtime
 * (server.ts adds it).
 */
export function nextHeaderRules(o: { dev?: boolean } = {}) {
  const rule = (source: string, profile: HeaderProfile) => ({
    source,
    headers: securityHeaders(profile, { dev: o.dev }).map(([key, value]) => ({ key, value })),
  });
  return [rule("/:path*", "app"), rule("/status/:path*", "status"), rule("/api/v1/:path*", "api"), rule("/ping/:path*", "api")];
}

/** server.ts: sets each profile's headers on a response before anyone writes it (precomputed once). */
export function createSecurityHeaderSetter(o: SecurityHeaderOptions) {
  const byProfile = {
    app: securityHeaders("app", o),
    status: securityHeaders("status", o),
    api: securityHeaders("api", o),
  } satisfies Record<HeaderProfile, [string, string][]>;
  return (path: string | undefined, res: { setHeader(name: string, value: string): unknown }) => {
    for (const [name, value] of byProfile[profileFor(path)]) res.setHeader(name, value);
  };
}
