import { isIP } from "node:net";
import { MAX_BROWSER_TIMEOUT_SECONDS, MIN_BROWSER_INTERVAL_SECONDS } from "../../monitors/kinds/browser/fields";
import { jsonataPathToJsonPath } from "./json-path";
import type { KumaMonitor } from "./parse";

/**
 * One Kuma monitor → the REST API's monitor input (the same JSON `POST /api/v1/monitors` takes), or the
 * reason it can't come over. The result is validated by the monitors domain afterwards, exactly like an
 * API request, so this file only translates names and units and never decides what a valid monitor is.
 */
export type MappedMonitor = {
  ok: true;
  name: string;
  input: Record<string, unknown>;
  paused: boolean;
  /** Where the Vigil monitor differs from the Kuma one (interval raised, resolver dropped …). */
  notes: string[];
};
export type SkippedMonitor = { ok: false; name: string; reason: string };

export type MapOptions = {
  /** The shortest interval this workspace may check at (install minimum and its quota). */
  minIntervalSeconds: number;
  /** Regions to check from when the workspace may not use all of them; absent = every region. */
  regions?: string[];
};

const DAY = 86_400;
const MAX_HEARTBEAT_SECONDS = 30 * DAY;
const DNS_RECORD_TYPES = ["A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA"];
const NAME_MAX = 100;

/** Why a Kuma type has no Vigil kind, in words a user can act on. */
const UNSUPPORTED: Record<string, string> = {
  group: "Groups aren't monitors: the monitors inside it are imported on their own",
  ping: "ICMP ping checks aren't available in Vigil yet; a TCP check of a port on the host is the nearest",
  docker: "Docker container checks need access to the Docker host, which Vigil's workers don't have",
  steam: "Game server checks aren't available in Vigil",
  gamedig: "Game server checks aren't available in Vigil",
  "grpc-keyword": "gRPC checks aren't available in Vigil yet",
  mqtt: "MQTT checks aren't available in Vigil",
  "kafka-producer": "Kafka producer checks aren't available in Vigil",
  sqlserver: "Database query checks aren't available in Vigil; a TCP check of its port is the nearest",
  postgres: "Database query checks aren't available in Vigil; a TCP check of its port is the nearest",
  mysql: "Database query checks aren't available in Vigil; a TCP check of its port is the nearest",
  mongodb: "Database query checks aren't available in Vigil; a TCP check of its port is the nearest",
  redis: "Database query checks aren't available in Vigil; a TCP check of its port is the nearest",
  radius: "RADIUS checks aren't available in Vigil",
  "tailscale-ping": "Tailscale ping checks aren't available in Vigil",
};

// Kuma 2's operators for json-query; Kuma 1 always compares for equality.
const JSON_OPS: Record<string, string> = { "==": "eq", "!=": "neq", "<": "lt", "<=": "lte", ">": "gt", ">=": "gte", contains: "contains" };

const clamp = (n: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, n));
const skip = (name: string, reason: string): SkippedMonitor => ({ ok: false, name, reason });

export function mapKumaMonitor(m: KumaMonitor, opts: MapOptions): MappedMonitor | SkippedMonitor {
  const notes: string[] = [];
  let name = m.name.trim();
  if (name.length > NAME_MAX) {
    notes.push(`Name shortened to ${NAME_MAX} characters`);
    name = name.slice(0, NAME_MAX);
  }
  const type = m.type;
  if (m.upsideDown) return skip(name, "Upside-down mode (up when the check fails) isn't supported");
  if (UNSUPPORTED[type]) return skip(name, UNSUPPORTED[type]);

  const paused = m.active === false || m.active === 0;
  const ok = (input: Record<string, unknown>): MappedMonitor => ({ ok: true, name, input: { name, ...input }, paused, notes });

  if (type === "push") {
    const period = kumaSeconds(m.interval, 60);
    const periodSeconds = clamp(period, opts.minIntervalSeconds, MAX_HEARTBEAT_SECONDS);
    if (periodSeconds !== period) notes.push(`Expected every ${periodSeconds} s (Kuma: ${period} s)`);
    const input: Record<string, unknown> = { type: "heartbeat", periodSeconds, ...reminders(m, periodSeconds) };
    // Kuma waits maxretries × retryInterval after a missed push before calling it down: that is our grace.
    const retries = Math.max(0, Math.round(m.maxretries ?? 0));
    const retryWait = retries * kumaSeconds(m.retryInterval, period);
    if (retries > 0) input.graceSeconds = clamp(retryWait, opts.minIntervalSeconds, MAX_HEARTBEAT_SECONDS);
    return ok(input);
  }

  const browser = type === "real-browser";
  const interval = kumaSeconds(m.interval, 60);
  const minInterval = browser ? Math.max(MIN_BROWSER_INTERVAL_SECONDS, opts.minIntervalSeconds) : opts.minIntervalSeconds;
  const intervalSeconds = clamp(interval, minInterval, DAY);
  if (intervalSeconds !== interval) {
    const why = browser && minInterval === MIN_BROWSER_INTERVAL_SECONDS ? "browser checks run at most once a minute" : "below what this workspace allows";
    notes.push(`Checked every ${intervalSeconds} s (Kuma: ${interval} s, ${why})`);
  }
  // Kuma's timeout is in seconds (default 80 % of the interval); ours must stay under the interval. Its
  // real-browser check ignores that field (its form hides it for the type) and gives the page 80 % of the interval.
  const timeout = !browser && m.timeout && m.timeout > 0 ? Math.ceil(m.timeout) : Math.ceil(interval * 0.8);
  const timeoutSeconds = clamp(timeout, 1, Math.max(1, Math.min(intervalSeconds - 1, browser ? MAX_BROWSER_TIMEOUT_SECONDS : DAY)));
  if (timeoutSeconds !== timeout) {
    notes.push(
      browser && timeoutSeconds === MAX_BROWSER_TIMEOUT_SECONDS
        ? `Timeout ${timeoutSeconds} s (Kuma: ${timeout} s, 80 % of its interval): a browser check takes at most ${MAX_BROWSER_TIMEOUT_SECONDS} s`
        : `Timeout ${timeoutSeconds} s (Kuma: ${timeout} s), so it ends before the next check`,
    );
  }
  const retries = Math.max(0, Math.round(m.maxretries ?? 0));
  const failureThreshold = clamp(retries + 1, 1, 10);
  if (retries + 1 > 10) notes.push(`Down after 10 failed checks in a row (Kuma: ${retries} retries; 10 is Vigil's most)`);
  const scheduled: Record<string, unknown> = { intervalSeconds, timeoutSeconds, failureThreshold, ...reminders(m, intervalSeconds) };
  if (opts.regions) scheduled.regions = opts.regions;

  if (type === "port") {
    const port = typeof m.port === "string" ? Number(m.port) : m.port;
    return ok({ type: "tcp", host: (m.hostname ?? "").trim(), port, ...scheduled });
  }

  if (type === "dns") {
    const recordType = (m.dns_resolve_type ?? "A").toUpperCase();
    if (!DNS_RECORD_TYPES.includes(recordType))
      return skip(name, `DNS record type ${recordType.slice(0, 10)} isn't supported (Vigil checks ${DNS_RECORD_TYPES.join(", ")})`);
    return ok({ type: "dns", hostname: (m.hostname ?? "").trim(), recordType, resolver: dnsResolver(m, notes), ...scheduled });
  }

  // Kuma's real-browser check loads the page and is up below HTTP 400 (its accepted status codes, TLS and
  // header settings don't apply to it), which is our browser check without a selector or text to wait for.
  if (browser) return ok({ type: "browser", url: (m.url ?? "").trim(), ...scheduled });

  if (type !== "http" && type !== "keyword" && type !== "json-query") {
    return skip(name, `Uptime Kuma "${type.slice(0, 40)}" monitors have no Vigil equivalent yet`);
  }

  const headers = httpHeaders(m);
  if (typeof headers === "string") return skip(name, headers);
  if (m.proxyId !== null && m.proxyId !== undefined) notes.push("Kuma's proxy isn't carried over: Vigil checks directly");
  const http: Record<string, unknown> = {
    type: "http",
    url: (m.url ?? "").trim(),
    method: (m.method || "GET").toUpperCase(),
    headers,
    body: m.body && m.body.trim() !== "" ? m.body : null,
    ...scheduled,
    expectedStatus: m.accepted_statuscodes?.length ? m.accepted_statuscodes.join(",") : "200-299",
    followRedirects: m.maxredirects !== 0,
    verifyTls: !m.ignoreTls,
  };

  if (type === "keyword") {
    if (!m.keyword) return skip(name, "Keyword monitor without a keyword");
    return ok({ ...http, keyword: m.keyword, keywordMode: m.invertKeyword ? "absent" : "present" });
  }
  if (type === "json-query") {
    const expression = (m.jsonPath ?? "").trim();
    const property = jsonataPathToJsonPath(expression);
    if (!property)
      return skip(name, `The JSON query "${expression.slice(0, 60)}" is a JSONata expression with no JSONPath equivalent; add it as an assertion by hand`);
    const op = JSON_OPS[m.jsonPathOperator ?? "=="];
    if (!op) return skip(name, `The JSON query operator "${String(m.jsonPathOperator).slice(0, 20)}" isn't supported`);
    const value = m.expectedValue === null || m.expectedValue === undefined ? "" : String(m.expectedValue);
    return ok({ ...http, assertions: [{ source: "json", property, op, value }] });
  }
  return ok(http);
}

/** Kuma re-notifies every N checks (or push periods) while down; we remind every so many minutes. */
function reminders(m: KumaMonitor, everySeconds: number): { remindEveryMinutes?: number } {
  const resend = Math.round(m.resendInterval ?? 0);
  return resend > 0 ? { remindEveryMinutes: clamp(Math.round((resend * everySeconds) / 60), 5, 1440) } : {};
}

/** Kuma stores seconds, sometimes fractional (older exports wrote interval × 0.8 as the timeout). */
function kumaSeconds(v: number | null | undefined, fallback: number): number {
  return typeof v === "number" && Number.isFinite(v) && v > 0 ? Math.round(v) : fallback;
}

/**
 * Kuma keeps headers as the JSON text typed into its form, adds basic auth itself and sets the body's
 * content type from its encoding; Vigil sends exactly the headers a monitor lists, so they are written out.
 * Returns the headers or a skip reason.
 */
function httpHeaders(m: KumaMonitor): Record<string, string> | string {
  let raw: unknown = m.headers ?? {};
  if (typeof raw === "string") {
    if (raw.trim() === "") raw = {};
    else {
      try {
        raw = JSON.parse(raw);
      } catch {
        return "Its headers aren't valid JSON";
      }
    }
  }
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return "Its headers aren't a JSON object of name → value";
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (v !== null && typeof v === "object") return `Its header ${k.slice(0, 40)} has no single text value`;
    headers[k] = String(v ?? "");
  }
  const has = (n: string) => Object.keys(headers).some((k) => k.toLowerCase() === n);
  const auth = m.authMethod ?? null;
  if (auth === "basic") {
    if (!has("authorization")) headers.Authorization = `Basic ${Buffer.from(`${m.basic_auth_user ?? ""}:${m.basic_auth_pass ?? ""}`).toString("base64")}`;
  } else if (auth && auth !== "none") {
    const names: Record<string, string> = { "oauth2-cc": "OAuth2 client credentials", ntlm: "NTLM", mtls: "mutual TLS" };
    return `${names[auth] ?? auth.slice(0, 20)} authentication isn't supported`;
  }
  if (m.body && m.body.trim() !== "" && !has("content-type")) {
    const encoding = m.httpBodyEncoding || "json";
    if (encoding === "json") headers["Content-Type"] = "application/json";
    else if (encoding === "xml") headers["Content-Type"] = "text/xml; charset=utf-8";
  }
  return headers;
}

/** Kuma's resolver for a DNS monitor: an IP (its port is the monitor's port), else the worker's own. */
function dnsResolver(m: KumaMonitor, notes: string[]): string | null {
  const servers = (m.dns_resolve_server ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (servers.length === 0) return null;
  const server = servers[0];
  if (servers.length > 1) notes.push(`Resolver ${server} only (Kuma listed ${servers.length})`);
  const family = isIP(server);
  if (!family) {
    notes.push(`Resolver ${server.slice(0, 60)} is not an IP address: the worker's resolver is used`);
    return null;
  }
  const port = Number(m.port);
  if (!Number.isInteger(port) || port === 53 || port <= 0) return server;
  return family === 6 ? `[${server}]:${port}` : `${server}:${port}`;
}
