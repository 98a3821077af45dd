import { request, type Dispatcher } from "undici";
import { CheckFailure } from "./classify-error";
import type { TimingRecorder } from "./timings";

export const DEFAULT_MAX_REDIRECTS = 5;

// undici refuses these (hop-by-hop or unsupported) and would fail the whole check; the engine owns
// the connection, and it computes content-length from the body itself.
const DROPPED_HEADERS = new Set(["connection", "keep-alive", "transfer-encoding", "upgrade", "expect", "content-length", "te", "trailer", "proxy-connection"]);
const BODY_HEADERS = new Set(["content-type", "content-encoding", "content-language", "content-location"]);

export function buildHeaders(headers: Record<string, string>, userAgent: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (!DROPPED_HEADERS.has(name.toLowerCase())) out[name] = value;
  }
  const has = (name: string) => Object.keys(out).some((n) => n.toLowerCase() === name);
  if (!has("user-agent")) out["user-agent"] = userAgent;
  if (!has("accept")) out["accept"] = "*/*"; // as curl does: some WAFs refuse requests without one
  return out;
}

const without = (headers: Record<string, string>, names: Set<string>) =>
  Object.fromEntries(Object.entries(headers).filter(([n]) => !names.has(n.toLowerCase())));
const only = (headers: Record<string, string>, names: Set<string>) => Object.fromEntries(Object.entries(headers).filter(([n]) => names.has(n.toLowerCase())));

/**
 * What goes to another origin after a redirect: the engine's own User-Agent and Accept, and the headers
 * describing a body that is still sent (307/308). Every header the monitor set (Authorization, Cookie,
 * X-API-Key, its own User-Agent…) stays with the origin it was written for: a redirect, which the target
 * chooses, must not carry the monitor's credentials to a third party. Browsers drop only a few of them;
 * a check's headers are arbitrary, so none are presumed harmless.
 */
function crossOriginHeaders(headers: Record<string, string>, userAgent: string, withBody: boolean): Record<string, string> {
  return { ...buildHeaders({}, userAgent), ...(withBody ? only(headers, BODY_HEADERS) : {}) };
}

export type HopInput = {
  url: URL;
  method: string;
  /** The first hop's headers (buildHeaders of the monitor's headers). */
  headers: Record<string, string>;
  /** The engine's own User-Agent: the only one sent once a redirect has left the origin. */
  userAgent: string;
  body: string | null;
  followRedirects: boolean;
  maxRedirects: number;
  /** Follow a redirect from https to http; refused otherwise (the next request would travel in clear). */
  allowHttpDowngrade: boolean;
};

export type FinalResponse = Dispatcher.ResponseData & { url: URL };

/**
 * Sends the request and follows redirects itself (bounded), so every hop goes through the check's
 * connector (SSRF guard on each new connection) and the hop count is ours to report.
 */
export async function requestWithRedirects(dispatcher: Dispatcher, input: HopInput, signal: AbortSignal, timings: TimingRecorder): Promise<FinalResponse> {
  let { url, method, headers, body } = input;
  for (let hop = 0; ; hop++) {
    timings.phase = "headers"; // the connector marks dns/connect/tls when this hop needs a new connection
    const res = await request(url, { dispatcher, method: method as Dispatcher.HttpMethod, headers, body: body ?? undefined, signal });
    timings.firstByte();
    const location = res.headers.location;
    if (!input.followRedirects || res.statusCode < 300 || res.statusCode > 399 || res.statusCode === 304 || typeof location !== "string") {
      return Object.assign(res, { url });
    }
    res.body.on("error", () => {}).destroy(); // undici reports the destroy as an abort error: expected here
    if (hop >= input.maxRedirects) {
      throw new CheckFailure("status", `Too many redirects (more than ${input.maxRedirects}); last hop ${url.href} answered ${res.statusCode}`, res.statusCode);
    }
    let next: URL;
    try {
      next = new URL(location, url);
    } catch {
      throw new CheckFailure("protocol", `Invalid redirect location "${location.slice(0, 200)}" from ${url.href}`);
    }
    if (next.protocol !== "http:" && next.protocol !== "https:") {
      throw new CheckFailure("protocol", `Redirect to an unsupported URL (${next.protocol}) from ${url.href}`);
    }
    if (url.protocol === "https:" && next.protocol === "http:" && !input.allowHttpDowngrade) {
      throw new CheckFailure(
        "protocol",
        `Redirect from https to http refused (${url.href} → ${next.href}); allow it in the monitor's settings ("Allow redirects from https to http")`,
        res.statusCode,
      );
    }
    if ((res.statusCode === 303 && method !== "HEAD") || ((res.statusCode === 301 || res.statusCode === 302) && method === "POST")) {
      method = "GET";
      body = null;
      headers = without(headers, BODY_HEADERS);
    }
    // Once dropped they stay dropped, even if a later redirect leads back to the first origin.
    if (next.origin !== url.origin) headers = crossOriginHeaders(headers, input.userAgent, body !== null);
    url = next;
  }
}
