import { Agent, type Dispatcher } from "undici";
import type { CheckErrorClass } from "@/lib/db/schema/enums";
import { parseExpectedStatus, statusMatches, type StatusRange } from "@/lib/monitors/expected-status";
import { keywordAssertion, type Assertion } from "./assertion-schema";
import { checkAssertions, evaluateAssertions, needsBody } from "./assertions";
import { CheckFailure, classifyError, timeoutMessage } from "./classify-error";
import { createConnector, type CheckConnector, type LookupFn } from "./connector";
import { KEYWORD_WINDOW_BYTES, SNIPPET_BYTES, decodedBody, scanBody } from "./read-body";
import { DEFAULT_MAX_REDIRECTS, buildHeaders, requestWithRedirects } from "./request-hops";
import { TimingRecorder, type CheckTimings } from "./timings";

export type HttpCheckRequest = {
  url: string;
  method: string;
  headers: Record<string, string>;
  body?: string | null;
  timeoutMs: number;
  followRedirects: boolean;
  maxRedirects?: number; // default 5
  verifyTls: boolean;
  expectedStatus: string; // "200-299,301"
  keyword?: string | null;
  keywordMode: "present" | "absent";
  /** Response assertions (all must hold), judged after the status and the keyword. */
  assertions?: readonly Assertion[] | null;
  allowPrivate: boolean;
  /** host or host:port entries (CHECKS_ALLOW_HOSTS) the private-address guard lets through. */
  allowHosts?: readonly string[];
  /** Follow a redirect from https to http (refused by default: it would expose the request in clear). */
  allowHttpDowngrade?: boolean;
  userAgent: string;
};

export type HttpCheckResult = {
  ok: boolean;
  startedAt: Date;
  statusCode: number | null;
  latencyMs: number;
  timings: CheckTimings;
  errorClass: CheckErrorClass | null;
  error: string | null;
  tlsExpiresAt: Date | null;
  remoteAddress: string | null;
  responseHeaders: string | null; // failing responses only, truncated 4 KiB
  bodySnippet: string | null; // failing responses only, first 1 KiB
};

export type HttpCheckDeps = {
  /** Builds the dispatcher for one check around the engine's guarded connector; the engine destroys it after. */
  dispatcherFor?: (connect: CheckConnector, req: HttpCheckRequest) => Dispatcher;
  /** Name resolution (default: the system resolver); tests point names at 127.0.0.1. */
  lookup?: LookupFn;
  /** Trust roots replacing the system store (tests, private CAs). */
  ca?: string | Buffer;
};

// After the abort, undici and the sockets settle in microseconds; this only guards a stuck resolver.
const HARD_DEADLINE_SLACK_MS = 500;
const HEADERS_LIMIT = 4096;
// Shared, so finishing a check does not pay for capturing a stack trace.
const FINISHED = new Error("check finished");

export function defaultUserAgent(version: string, region: string, appUrl: string): string {
  return `Vigil/${version} (region ${region}; +${appUrl})`;
}

// setTimeout's ceiling is 2^31-1 ms and a NaN would fire at once; the monitor schema bounds this anyway.
const effectiveTimeout = (ms: number) => (Number.isFinite(ms) ? Math.min(Math.max(1, ms), 2_000_000_000) : 30_000);

// One agent per check: every check opens its own connection, so connect/TLS are measured each time,
// the SSRF guard sees every connection and the certificate is read on every check. undici's own
// timeouts are a backstop behind the check's AbortSignal.
const defaultDispatcher = (connect: CheckConnector, req: HttpCheckRequest): Dispatcher => {
  const backstop = effectiveTimeout(req.timeoutMs) + 1000;
  return new Agent({ connect, pipelining: 1, keepAliveTimeout: 1000, headersTimeout: backstop, bodyTimeout: backstop });
};

// Postgres text cannot hold NUL; targets may send anything.
const clean = (s: string) => s.replace(/\u0000/g, "\uFFFD");

function serializeHeaders(headers: Record<string, string | string[] | undefined>): string {
  const lines = Object.entries(headers).flatMap(([k, v]) => (Array.isArray(v) ? v : [v ?? ""]).map((x) => `${k}: ${x}`));
  return clean(lines.join("\n").slice(0, HEADERS_LIMIT));
}

/** Runs one HTTP check. Never throws: every failure of the target (or of the request itself) is a result. */
export async function runHttpCheck(req: HttpCheckRequest, deps: HttpCheckDeps = {}): Promise<HttpCheckResult> {
  const timings = new TimingRecorder();
  const controller = new AbortController();
  const peer = { remoteAddress: null as string | null, tlsExpiresAt: null as Date | null };
  const seen = { statusCode: null as number | null, headers: null as string | null, head: null as Buffer | null };
  let host = req.url;
  let dispatcher: Dispatcher | null = null;
  const timeoutMs = effectiveTimeout(req.timeoutMs);
  const timer = setTimeout(() => controller.abort(new CheckFailure("timeout", timeoutMessage(timeoutMs, timings.phase))), timeoutMs);
  let hardTimer: NodeJS.Timeout | undefined;

  const fail = (errorClass: CheckErrorClass, error: string): HttpCheckResult => result(false, errorClass, error);
  const result = (ok: boolean, errorClass: CheckErrorClass | null, error: string | null): HttpCheckResult => {
    const t = timings.finish();
    return {
      ok,
      startedAt: timings.startedAt,
      statusCode: seen.statusCode,
      latencyMs: t.totalMs,
      timings: t,
      errorClass,
      error,
      tlsExpiresAt: peer.tlsExpiresAt,
      remoteAddress: peer.remoteAddress,
      responseHeaders: ok ? null : seen.headers,
      bodySnippet: ok || !seen.head ? null : clean(seen.head.toString("utf8")),
    };
  };

  const work = async (): Promise<HttpCheckResult> => {
    let url: URL;
    let ranges: StatusRange[];
    try {
      url = new URL(req.url);
      host = url.hostname.replace(/^\[|\]$/g, "");
    } catch {
      return fail("unknown", `Invalid URL "${String(req.url).slice(0, 200)}"`);
    }
    if (url.protocol !== "http:" && url.protocol !== "https:") return fail("unknown", `Invalid URL: only http and https are supported, not ${url.protocol}`);
    try {
      ranges = parseExpectedStatus(req.expectedStatus);
    } catch (err) {
      return fail("unknown", `Invalid expected status: ${(err as Error).message}`);
    }
    try {
      const connect = createConnector({
        allowPrivate: req.allowPrivate,
        allowHosts: req.allowHosts,
        verifyTls: req.verifyTls,
        signal: controller.signal,
        timings,
        lookup: deps.lookup,
        ca: deps.ca,
        onPeer: (p) => {
          peer.remoteAddress = p.remoteAddress;
          if (p.tlsExpiresAt !== undefined) peer.tlsExpiresAt = p.tlsExpiresAt;
        },
      });
      dispatcher = (deps.dispatcherFor ?? defaultDispatcher)(connect, req);
      const method = req.method.toUpperCase();
      const res = await requestWithRedirects(
        dispatcher,
        {
          url,
          method,
          headers: buildHeaders(req.headers, req.userAgent),
          userAgent: req.userAgent,
          body: req.body ?? null,
          followRedirects: req.followRedirects,
          allowHttpDowngrade: req.allowHttpDowngrade ?? false,
          maxRedirects: req.maxRedirects ?? DEFAULT_MAX_REDIRECTS,
        },
        controller.signal,
        timings,
      );
      seen.statusCode = res.statusCode;
      seen.headers = serializeHeaders(res.headers);
      host = res.url.hostname.replace(/^\[|\]$/g, "");
      timings.phase = "body";
      const spec = ranges.map(([lo, hi]) => (lo === hi ? `${lo}` : `${lo}-${hi}`)).join(",");
      const body = decodedBody(res.body, res.headers["content-encoding"]);
      if (!statusMatches(res.statusCode, ranges)) {
        const scan = await scanBody(body, null, SNIPPET_BYTES).catch(() => null);
        seen.head = scan?.head ?? null;
        return fail("status", `Expected status ${spec}, got ${res.statusCode}`);
      }
      const keyword = req.keyword ? req.keyword : null;
      const list = checkAssertions(keywordAssertion(keyword, req.keywordMode), req.assertions);
      const keep = needsBody(list);
      const scan = await scanBody(body, keep ? null : keyword, KEYWORD_WINDOW_BYTES, keep);
      seen.head = scan.head;
      const failure = list.length
        ? evaluateAssertions(list, {
            statusCode: res.statusCode,
            headers: res.headers,
            body: scan.body,
            bodyTruncated: scan.truncated,
            responseTimeMs: timings.elapsed(),
            keywordFound: scan.keywordFound,
          })
        : null;
      if (failure) return fail(failure.errorClass, failure.message);
      return result(true, null, null);
    } catch (err) {
      if (err instanceof CheckFailure && err.statusCode !== null) seen.statusCode = err.statusCode;
      const c = classifyError(controller.signal.aborted ? controller.signal.reason : err, { host, phase: timings.phase, timeoutMs });
      return fail(c.errorClass, c.error);
    }
  };

  // A resolver that never answers cannot hold the check past its timeout.
  const hardDeadline = new Promise<HttpCheckResult>((resolve) => {
    hardTimer = setTimeout(() => resolve(fail("timeout", timeoutMessage(timeoutMs, timings.phase))), timeoutMs + HARD_DEADLINE_SLACK_MS);
  });
  try {
    return await Promise.race([work(), hardDeadline]);
  } catch (err) {
    const c = classifyError(err, { host, phase: timings.phase, timeoutMs });
    return fail(c.errorClass, c.error);
  } finally {
    clearTimeout(timer);
    clearTimeout(hardTimer);
    if (!controller.signal.aborted) controller.abort(FINISHED); // stops a connection attempt still under way
    (dispatcher as Dispatcher | null)?.destroy(FINISHED, () => {});
  }
}
