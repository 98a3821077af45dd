import type { PeerCertificate } from "node:tls";
import type { CheckErrorClass } from "@/lib/db/schema/enums";
import type { Phase } from "./timings";

/** A failure the engine has already classified and worded (blocked address, TLS verification…). */
export class CheckFailure extends Error {
  constructor(
    readonly errorClass: CheckErrorClass,
    message: string,
    /** The status of the response that caused it, when there was one (e.g. a redirect loop). */
    readonly statusCode: number | null = null,
  ) {
    super(message);
    this.name = "CheckFailure";
  }
}

export type Classified = { errorClass: CheckErrorClass; error: string };

type ErrLike = {
  code?: unknown;
  message?: unknown;
  address?: unknown;
  port?: unknown;
  cause?: unknown;
  errors?: unknown;
  syscall?: unknown;
  hostname?: unknown;
};

/** The innermost error carrying a code (undici and Node wrap; happy eyeballs aggregates). */
function rootError(err: unknown): ErrLike {
  let e = (err ?? {}) as ErrLike;
  for (let i = 0; i < 5; i++) {
    if (Array.isArray(e.errors) && e.errors.length) e = e.errors[e.errors.length - 1] as ErrLike;
    else if (typeof e.code === "string" && !e.code.startsWith("UND_ERR_")) return e;
    else if (e.cause && typeof e.cause === "object") e = e.cause as ErrLike;
    else return e;
  }
  return e;
}

export function formatSeconds(ms: number): string {
  const s = ms / 1000;
  return `${Number.isInteger(s) ? s : s.toFixed(s < 1 ? 2 : 1).replace(/0$/, "")} s`;
}

const PHASE_WORDS: Record<Phase, string> = {
  dns: "resolving the host name",
  connect: "connecting",
  tls: "in the TLS handshake",
  headers: "waiting for the response",
  body: "reading the response body",
};

export function timeoutMessage(timeoutMs: number, phase: Phase): string {
  return `Timed out after ${formatSeconds(timeoutMs)} ${PHASE_WORDS[phase]}`;
}

const DNS_DETAIL: Record<string, string> = {
  ENOTFOUND: "no such domain",
  EAI_NONAME: "no such domain",
  EAI_AGAIN: "temporary DNS failure",
  ENODATA: "no address records",
  EAI_NODATA: "no address records",
  ESERVFAIL: "server failure",
};

const TLS_CODE = /^(ERR_SSL_|ERR_TLS_|CERT_|DEPTH_ZERO|SELF_SIGNED|UNABLE_TO_|EPROTO$)/;

/** Turns any error thrown while checking into a class and a message a user understands. */
export function classifyError(err: unknown, ctx: { host: string; phase: Phase; timeoutMs: number }): Classified {
  if (err instanceof CheckFailure) return { errorClass: err.errorClass, error: err.message };
  const outer = (err ?? {}) as ErrLike;
  const root = rootError(err);
  const code = String(root.code ?? outer.code ?? "");
  const where = typeof root.address === "string" ? `${root.address}${root.port ? `:${root.port}` : ""}` : ctx.host;
  const msg = String(root.message ?? outer.message ?? err);

  if (code === "ENOTFOUND" || code.startsWith("EAI_") || root.syscall === "getaddrinfo" || code in DNS_DETAIL) {
    return { errorClass: "dns", error: `DNS lookup failed for ${ctx.host} (${DNS_DETAIL[code] ?? code})` };
  }
  if (code === "ECONNREFUSED") return { errorClass: "refused", error: `Connection refused by ${where}` };
  if (code === "ETIMEDOUT" || code === "UND_ERR_CONNECT_TIMEOUT" || code === "UND_ERR_HEADERS_TIMEOUT" || code === "UND_ERR_BODY_TIMEOUT") {
    return { errorClass: "timeout", error: timeoutMessage(ctx.timeoutMs, ctx.phase) };
  }
  if (TLS_CODE.test(code) || (ctx.phase === "tls" && code !== "ECONNRESET")) {
    const reason = msg
      .replace(/^.*routines:/, "")
      .replace(/[:_]/g, " ")
      .trim()
      .toLowerCase();
    return { errorClass: "tls", error: `TLS handshake failed: ${reason || code}` };
  }
  if (code === "ECONNRESET" || code === "EPIPE") {
    return { errorClass: "reset", error: ctx.phase === "tls" ? "Connection reset during the TLS handshake" : "Connection reset" };
  }
  if (code === "UND_ERR_SOCKET" || outer.code === "UND_ERR_SOCKET") {
    return { errorClass: "reset", error: "Connection reset: the server closed the connection before the response was complete" };
  }
  const name = (root as { name?: unknown }).name ?? (outer as { name?: unknown }).name;
  if (code.startsWith("HPE_") || name === "HTTPParserError" || code === "UND_ERR_RES_CONTENT_LENGTH_MISMATCH") {
    const detail = msg.replace(/^Response does not match the HTTP\/1\.1 protocol \((.*)\)$/s, "$1");
    return { errorClass: "protocol", error: `Invalid HTTP response (${detail || code || "unparsable"})` };
  }
  if (code.startsWith("Z_") || code.startsWith("ERR__") || code === "ERR_BROTLI_DECOMPRESSION_FAILED") {
    return { errorClass: "protocol", error: `Invalid HTTP response (could not decompress the body: ${msg})` };
  }
  if (code === "UND_ERR_HEADERS_OVERFLOW") return { errorClass: "protocol", error: "Invalid HTTP response (headers too large)" };
  if (code === "EHOSTUNREACH" || code === "ENETUNREACH") return { errorClass: "unknown", error: `Host unreachable: ${where}` };
  if (code === "UND_ERR_INVALID_ARG" || code === "UND_ERR_NOT_SUPPORTED") return { errorClass: "unknown", error: `Invalid request: ${msg}` };
  return { errorClass: "unknown", error: `Check failed: ${msg}${code ? ` (${code})` : ""}` };
}

/** Why a peer certificate failed verification, worded for a user; null when it passed. */
export function tlsFailureMessage(
  authError: string | null,
  cert: PeerCertificate | null,
  host: string,
  identityError: string | null,
  now = new Date(),
): string {
  const reasons: string[] = [];
  const validTo = cert?.valid_to ? new Date(cert.valid_to) : null;
  const validFrom = cert?.valid_from ? new Date(cert.valid_from) : null;
  if (validTo && validTo < now) reasons.push(`has expired (on ${validTo.toISOString().slice(0, 10)})`);
  else if (validFrom && validFrom > now) reasons.push(`is not valid yet (from ${validFrom.toISOString().slice(0, 10)})`);
  const code = authError ?? "";
  if (code === "DEPTH_ZERO_SELF_SIGNED_CERT") reasons.push("is self-signed");
  else if (code === "SELF_SIGNED_CERT_IN_CHAIN") reasons.push("chains to an untrusted self-signed root");
  else if (/^UNABLE_TO_(GET_ISSUER|VERIFY_LEAF)/.test(code)) reasons.push("is issued by an unknown authority (or the chain is incomplete)");
  else if (code === "CERT_REVOKED") reasons.push("has been revoked");
  if (identityError) reasons.push(`is not valid for ${host}`);
  if (reasons.length === 0) reasons.push(`is not trusted (${code || "verification failed"})`);
  return `TLS certificate ${reasons.join(" and ")}`;
}
