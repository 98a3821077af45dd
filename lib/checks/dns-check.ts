import type { promises as dnsPromises } from "node:dns";
import net from "node:net";
import { performance } from "node:perf_hooks";
import type { CheckErrorClass } from "@/lib/db/schema/enums";
import { formatSeconds } from "./classify-error";
import { isAllowedHost } from "./connector";
import { leaseResolver } from "./dns-resolvers";
import { blockedMessage, isBlockedAddress } from "./ssrf";

export const DNS_RECORD_TYPES = ["A", "AAAA", "CNAME", "MX", "TXT", "NS", "SRV", "CAA"] as const;
export type DnsRecordType = (typeof DNS_RECORD_TYPES)[number];

export type DnsCheckInput = {
  hostname: string;
  recordType: DnsRecordType;
  /** "ip" or "ip:port" ("[v6]:port"); null = the worker's own resolvers. */
  resolver: string | null;
  expectedValues: string[];
  timeoutMs: number;
  allowPrivate: boolean;
  allowHosts?: readonly string[];
};

export type DnsCheckResult = {
  ok: boolean;
  startedAt: Date;
  statusCode: null;
  latencyMs: number | null;
  timings: { dnsMs: number | null; connectMs: null; tlsMs: null; ttfbMs: null; totalMs: number | null };
  errorClass: CheckErrorClass | null;
  error: string | null;
  tlsExpiresAt: null;
  /** Kept with the result and shown on the monitor page. */
  detail: { recordType: DnsRecordType; resolver: string | null; answers: string[]; missing?: string[]; rcode?: string };
};

/** "1.2.3.4", "1.2.3.4:5353", "::1", "[::1]:5353" → host and port; null when it isn't an IP (with an optional port). */
export function parseResolver(value: string): { ip: string; port: number } | null {
  const v = value.trim();
  if (net.isIP(v)) return { ip: v, port: 53 };
  const m = /^\[([0-9a-fA-F:.]+)\]:(\d{1,5})$/.exec(v) ?? /^([0-9.]+):(\d{1,5})$/.exec(v);
  if (!m || !net.isIP(m[1])) return null;
  const port = Number(m[2]);
  return port >= 1 && port <= 65535 ? { ip: m[1], port } : null;
}

const MAX_ANSWERS = 50;

/** Each record as one line of text, the way a person would write the expected value. */
async function query(r: dnsPromises.Resolver, name: string, type: DnsRecordType): Promise<string[]> {
  switch (type) {
    case "A":
      return r.resolve4(name);
    case "AAAA":
      return r.resolve6(name);
    case "CNAME":
      return r.resolveCname(name);
    case "NS":
      return r.resolveNs(name);
    case "MX":
      return (await r.resolveMx(name)).sort((a, b) => a.priority - b.priority).map((m) => `${m.priority} ${m.exchange}`);
    case "TXT":
      return (await r.resolveTxt(name)).map((chunks) => chunks.join(""));
    case "SRV":
      return (await r.resolveSrv(name)).map((s) => `${s.priority} ${s.weight} ${s.port} ${s.name}`);
    case "CAA":
      return (await r.resolveCaa(name)).map((c) => {
        const tag = c.issue !== undefined ? "issue" : c.issuewild !== undefined ? "issuewild" : c.iodef !== undefined ? "iodef" : "unknown";
        const value = c.issue ?? c.issuewild ?? c.iodef ?? "";
        return `${c.critical} ${tag} "${value}"`;
      });
  }
}

/** Names compare without case or a trailing dot; TXT exactly. An MX or SRV may be expected by its target alone. */
export function answerMatches(type: DnsRecordType, expected: string, answer: string): boolean {
  if (type === "TXT") return expected === answer;
  const norm = (s: string) =>
    s
      .trim()
      .toLowerCase()
      .replace(/\.$/, "")
      .replace(/\.(?=\s|"|$)/g, "");
  const e = norm(expected);
  const a = norm(answer);
  if (e === a) return true;
  if (type === "AAAA" && net.isIPv6(e) && net.isIPv6(a)) return expandV6(e) === expandV6(a);
  if (type === "MX" || type === "SRV") return a.split(/\s+/).pop() === e;
  return false;
}

function expandV6(ip: string): string {
  const [head, tail = ""] = ip.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const mid = ip.includes("::") ? Array(8 - h.length - t.length).fill("0") : [];
  return [...h, ...mid, ...t].map((p) => p.padStart(4, "0")).join(":");
}

const RCODE: Record<string, [CheckErrorClass, string]> = {
  ENOTFOUND: ["dns", "NXDOMAIN"],
  ENODATA: ["dns", "NODATA"],
  ESERVFAIL: ["dns", "SERVFAIL"],
  EREFUSED: ["dns", "REFUSED"],
  ECONNREFUSED: ["refused", "CONNREFUSED"],
  ETIMEOUT: ["timeout", "TIMEOUT"],
  EBADRESP: ["dns", "BADRESP"],
  EFORMERR: ["dns", "FORMERR"],
  ENOTIMP: ["dns", "NOTIMP"],
};

/**
 * A DNS check with node's c-ares resolver (dns.Resolver): one query of the record type to the chosen
 * resolver (or the worker's), one try, within the timeout. Down on NXDOMAIN, SERVFAIL, no answer of
 * that type, timeout, or an expected value missing from the answers; the answers are kept either way.
 */
export async function runDnsCheck(input: DnsCheckInput): Promise<DnsCheckResult> {
  const startedAt = new Date();
  const t0 = performance.now();
  const detail: DnsCheckResult["detail"] = { recordType: input.recordType, resolver: input.resolver, answers: [] };
  const done = (errorClass: CheckErrorClass | null, error: string | null): DnsCheckResult => {
    const ms = Math.round((performance.now() - t0) * 100) / 100;
    return {
      ok: errorClass === null,
      startedAt,
      statusCode: null,
      latencyMs: Math.round(ms),
      timings: { dnsMs: ms, connectMs: null, tlsMs: null, ttfbMs: null, totalMs: ms },
      errorClass,
      error,
      tlsExpiresAt: null,
      detail,
    };
  };

  let server: string | null = null;
  if (input.resolver) {
    const parsed = parseResolver(input.resolver);
    if (!parsed) return done("unknown", `Resolver ${input.resolver.slice(0, 60)} is not an IP address`);
    const allowed = input.allowPrivate || isAllowedHost(input.allowHosts, parsed.ip, parsed.port);
    const verdict = isBlockedAddress(parsed.ip);
    if (!allowed && verdict.blocked) return done("blocked", blockedMessage(parsed.ip, parsed.ip, verdict.reason!, parsed.port));
    server = net.isIPv6(parsed.ip) ? `[${parsed.ip}]:${parsed.port}` : `${parsed.ip}:${parsed.port}`;
  }
  const lease = leaseResolver(server, input.timeoutMs);

  // The channel is held until c-ares itself settles the query, which may be after our own deadline.
  const asked = query(lease.resolver, input.hostname, input.recordType);
  asked.then(lease.release, lease.release);
  let timer: NodeJS.Timeout | undefined;
  try {
    const answers = await Promise.race([
      asked,
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(Object.assign(new Error("timeout"), { code: "ETIMEOUT" })), input.timeoutMs))),
    ]);
    detail.answers = answers.slice(0, MAX_ANSWERS).map((a) => a.slice(0, 300));
  } catch (err) {
    // No resolver.cancel(): the channel is shared, and cancel() would fail every other check's query on it.
    // A query that outlived our deadline ends by c-ares' own timeout (the same one), answered to nobody.
    const code = String((err as { code?: unknown }).code ?? "");
    const [errorClass, rcode] = RCODE[code] ?? ["dns", code || "ERROR"];
    detail.rcode = rcode;
    const where = input.resolver ? ` from ${input.resolver}` : "";
    const message =
      code === "ETIMEOUT"
        ? `Timed out after ${formatSeconds(input.timeoutMs)} waiting for ${input.recordType} ${input.hostname}${where}`
        : code === "ENOTFOUND"
          ? `NXDOMAIN: ${input.hostname} does not exist${where}`
          : code === "ENODATA"
            ? `No ${input.recordType} records for ${input.hostname}${where}`
            : `${rcode} for ${input.recordType} ${input.hostname}${where}`;
    return done(errorClass, message);
  } finally {
    clearTimeout(timer);
  }
  if (detail.answers.length === 0) return done("dns", `No ${input.recordType} records for ${input.hostname}`);
  const missing = input.expectedValues.filter((e) => !detail.answers.some((a) => answerMatches(input.recordType, e, a)));
  if (missing.length) {
    detail.missing = missing;
    return done("assertion", `Expected ${input.recordType} ${missing[0].slice(0, 100)} not among the answers: ${detail.answers.join(", ").slice(0, 200)}`);
  }
  return done(null, null);
}
