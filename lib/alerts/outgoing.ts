import { Agent, request, type Dispatcher } from "undici";
import { VERSION } from "../version";
import { CheckFailure, classifyError } from "../checks/classify-error";
import { createConnector, type CheckConnector, type LookupFn } from "../checks/connector";
import { TimingRecorder } from "../checks/timings";
import { env } from "../env";
import type { OutgoingRequest, SendResult } from "./channel-types/types";

export const VIGIL_USER_AGENT = `Vigil/${VERSION}`;
export const OUTGOING_TIMEOUT_MS = 10_000;
/** Bytes of a failed response kept to explain the failure; the rest is never read. */
export const ERROR_BODY_BYTES = 4096;
const MAX_RETRY_AFTER_SECONDS = 24 * 3600;

export type OutgoingOptions = {
  /** Defaults: env.CHECKS_ALLOW_PRIVATE / env.CHECKS_ALLOW_HOSTS (tests pass their loopback receiver). */
  allowPrivate?: boolean;
  allowHosts?: readonly string[];
  /** Whole request, body read included. */
  timeoutMs?: number;
  lookup?: LookupFn;
  /** Extra trust roots (tests, private CAs). */
  ca?: string | Buffer;
};

export type OutgoingClient = { send: (req: OutgoingRequest) => Promise<SendResult>; close: () => Promise<void> };

/**
 * A client for alert deliveries with its own connection pool. Every new connection goes through the
 * checks' connector, so the address a name resolves to is checked when connecting (DNS rebinding
 * included); redirects are never followed, so a receiver can't bounce us to a private address either.
 */
export function createOutgoingClient(o: OutgoingOptions = {}): OutgoingClient {
  const allowPrivate = o.allowPrivate ?? env.CHECKS_ALLOW_PRIVATE;
  const allowHosts = o.allowHosts ?? env.CHECKS_ALLOW_HOSTS;
  const timeoutMs = o.timeoutMs ?? OUTGOING_TIMEOUT_MS;
  const connect: CheckConnector = (opts, callback) =>
    createConnector({
      allowPrivate,
      allowHosts,
      verifyTls: true,
      signal: AbortSignal.timeout(timeoutMs),
      timings: new TimingRecorder(),
      lookup: o.lookup,
      ca: o.ca,
      onPeer: () => {},
    })(opts, callback);
  const agent = new Agent({ connect, keepAliveTimeout: 10_000, connections: 16 });
  return { send: (req) => sendWith(agent, req, timeoutMs), close: () => agent.close() };
}

const g = globalThis as unknown as { __vigilOutgoing?: OutgoingClient };

/**
 * One delivery request (SendDeps.http). Without options it uses the process's shared pool; with
 * options (tests) it uses a client of its own, closed afterwards.
 */
export async function sendHttp(req: OutgoingRequest, opts?: OutgoingOptions): Promise<SendResult> {
  if (!opts) return (g.__vigilOutgoing ??= createOutgoingClient()).send(req);
  const client = createOutgoingClient(opts);
  try {
    return await client.send(req);
  } finally {
    await client.close();
  }
}

class DeliveryTimeout extends Error {}

async function sendWith(dispatcher: Dispatcher, req: OutgoingRequest, timeoutMs: number): Promise<SendResult> {
  let host = "the receiver";
  try {
    host = new URL(req.url).host;
  } catch {
    return { ok: false, permanent: true, error: "Invalid URL" };
  }
  const ac = new AbortController();
  const timer = setTimeout(() => ac.abort(new DeliveryTimeout()), timeoutMs);
  const headers = { ...req.headers };
  if (!Object.keys(headers).some((k) => k.toLowerCase() === "user-agent")) headers["User-Agent"] = VIGIL_USER_AGENT;
  try {
    const res = await request(req.url, {
      method: req.method ?? "POST",
      headers,
      body: req.method === "GET" ? undefined : req.body,
      dispatcher,
      signal: ac.signal,
    });
    const status = res.statusCode;
    if (status >= 200 && status < 300) {
      await res.body.dump({ limit: 64 * 1024 }).catch(() => {});
      return { ok: true, status };
    }
    const excerpt = redact(await readHead(res.body), req);
    const said = excerpt ? `: ${excerpt}` : "";
    if (status >= 300 && status < 400)
      return { ok: false, permanent: true, status, error: `HTTP ${status} from ${host}: redirects are not followed; use the final URL` };
    if (status === 408 || status === 429 || status >= 500) {
      const retryAfterSeconds = status === 429 || status === 503 ? parseRetryAfter(res.headers["retry-after"]) : undefined;
      return {
        ok: false,
        permanent: false,
        status,
        error: `HTTP ${status} from ${host}${said}`,
        ...(retryAfterSeconds !== undefined ? { retryAfterSeconds } : {}),
      };
    }
    return { ok: false, permanent: true, status, error: `HTTP ${status} from ${host}${said}` };
  } catch (err) {
    if (ac.signal.aborted && ac.signal.reason instanceof DeliveryTimeout) {
      return { ok: false, permanent: false, error: `No answer from ${host} within ${Math.round(timeoutMs / 100) / 10} s` };
    }
    const blocked = findBlocked(err);
    if (blocked) return { ok: false, permanent: true, error: blocked.message };
    // undici refuses the request itself (a header value outside Latin-1 …): retrying can't help.
    if ((err as { code?: string })?.code === "UND_ERR_INVALID_ARG")
      return { ok: false, permanent: true, error: "Invalid request: a header name or value can't be sent as is" };
    const { error } = classifyError(err, { host, phase: "connect", timeoutMs });
    return { ok: false, permanent: false, error: redact(error.replace(/^Check failed: /, "Delivery failed: "), req) };
  } finally {
    clearTimeout(timer);
  }
}

/** The private-address guard's refusal, wherever undici wrapped it. */
function findBlocked(err: unknown): CheckFailure | null {
  let e = err as { cause?: unknown } | null;
  for (let i = 0; e && i < 5; i++, e = e.cause as typeof e) if (e instanceof CheckFailure && e.errorClass === "blocked") return e;
  return null;
}

async function readHead(body: Dispatcher.ResponseData["body"]): Promise<string> {
  const parts: Buffer[] = [];
  let size = 0;
  body.on("error", () => {});
  try {
    for await (const chunk of body) {
      parts.push(chunk as Buffer);
      size += (chunk as Buffer).length;
      if (size >= ERROR_BODY_BYTES) break; // leaving the loop destroys the stream
    }
  } catch {
    // a reset mid-body still leaves the status to report
  }
  return Buffer.concat(parts).subarray(0, ERROR_BODY_BYTES).toString("utf8").replace(/\s+/g, " ").trim().slice(0, 300);
}

/** Blanks secrets and the URL's path and query (tokens live there: Slack, Discord, Telegram) out of error text. */
function redact(text: string, req: OutgoingRequest): string {
  let out = text;
  const u = new URL(req.url);
  const hidden = [...(req.redact ?? []), u.pathname.length > 1 ? u.pathname : "", u.search.length > 1 ? u.search.slice(1) : ""];
  for (const s of hidden) if (s && s.length >= 4) out = out.split(s).join("[redacted]");
  return out;
}

/** Retry-After as seconds (delta or HTTP date), capped at a day; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = (Array.isArray(value) ? value[0] : value)?.trim();
  if (!v) return undefined;
  const seconds = /^\d+$/.test(v) ? Number(v) : Math.ceil((Date.parse(v) - now) / 1000);
  if (!Number.isFinite(seconds)) return undefined;
  return Math.min(Math.max(0, seconds), MAX_RETRY_AFTER_SECONDS);
}
