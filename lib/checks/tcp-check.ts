import net, { type Socket } from "node:net";
import { performance } from "node:perf_hooks";
import type { CheckErrorClass } from "@/lib/db/schema/enums";
import { CheckFailure, formatSeconds } from "./classify-error";
import { isAllowedHost, systemLookup, type LookupFn } from "./connector";
import { blockedMessage, isBlockedAddress } from "./ssrf";

export type TcpCheckInput = {
  host: string;
  port: number;
  timeoutMs: number;
  allowPrivate: boolean;
  allowHosts?: readonly string[];
};

export type TcpCheckResult = {
  ok: boolean;
  startedAt: Date;
  statusCode: null;
  latencyMs: number | null;
  timings: { dnsMs: number | null; connectMs: number | null; tlsMs: null; ttfbMs: null; totalMs: number | null };
  errorClass: CheckErrorClass | null;
  error: string | null;
  tlsExpiresAt: null;
  remoteAddress: string | null;
};

const round = (ms: number) => Math.round(ms * 100) / 100;

const CODE_CLASS: Record<string, [CheckErrorClass, string]> = {
  ECONNREFUSED: ["refused", "Connection refused"],
  ECONNRESET: ["reset", "Connection reset"],
  EHOSTUNREACH: ["refused", "Host unreachable"],
  ENETUNREACH: ["refused", "Network unreachable"],
  ENOTFOUND: ["dns", "no such domain"],
  EAI_AGAIN: ["dns", "temporary DNS failure"],
  ENODATA: ["dns", "no address records"],
};

/**
 * A TCP check: resolve the host (timed), refuse a private address unless allowed (the same guard as HTTP
 * checks, applied to the address actually dialled), open a connection, close it at once. Up when the
 * connection opens within the timeout; connect time is what gets charted.
 */
export async function runTcpCheck(input: TcpCheckInput, deps: { lookup?: LookupFn } = {}): Promise<TcpCheckResult> {
  const startedAt = new Date();
  const t0 = performance.now();
  const timings: TcpCheckResult["timings"] = { dnsMs: null, connectMs: null, tlsMs: null, ttfbMs: null, totalMs: null };
  const allowPrivate = input.allowPrivate || isAllowedHost(input.allowHosts, input.host, input.port);
  let phase: "dns" | "connect" = "dns";
  let socket: Socket | null = null;
  let timer: NodeJS.Timeout | undefined;
  let remoteAddress: string | null = null;

  const attempt = async () => {
    const host = input.host.replace(/^\[|\]$/g, "");
    let address = host;
    if (net.isIP(host) === 0) {
      const d0 = performance.now();
      const addresses = await new Promise<{ address: string }[]>((resolve, reject) =>
        (deps.lookup ?? systemLookup)(host, (err, list) =>
          err ? reject(err) : list.length ? resolve(list) : reject(Object.assign(new Error("no addresses"), { code: "ENOTFOUND" })),
        ),
      );
      timings.dnsMs = round(performance.now() - d0);
      const usable = allowPrivate ? addresses : addresses.filter((a) => !isBlockedAddress(a.address).blocked);
      if (!usable.length)
        throw new CheckFailure("blocked", blockedMessage(host, addresses[0].address, isBlockedAddress(addresses[0].address).reason!, input.port));
      address = usable[0].address;
    } else if (!allowPrivate) {
      const verdict = isBlockedAddress(host);
      if (verdict.blocked) throw new CheckFailure("blocked", blockedMessage(host, host, verdict.reason!, input.port));
    }
    phase = "connect";
    const c0 = performance.now();
    await new Promise<void>((resolve, reject) => {
      const s = net.connect({ host: address, port: input.port });
      socket = s;
      s.once("connect", () => {
        timings.connectMs = round(performance.now() - c0);
        remoteAddress = s.remoteAddress ?? address;
        resolve();
      });
      s.once("error", reject);
    });
  };

  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new CheckFailure("timeout", `Timed out after ${formatSeconds(input.timeoutMs)} ${phase === "dns" ? "resolving the host name" : "connecting"}`)),
      input.timeoutMs,
    );
  });

  let errorClass: CheckErrorClass | null = null;
  let error: string | null = null;
  try {
    await Promise.race([attempt(), timeout]);
  } catch (err) {
    if (err instanceof CheckFailure) {
      errorClass = err.errorClass;
      error = err.message;
    } else {
      const code = String((err as { code?: unknown }).code ?? "");
      const known = CODE_CLASS[code];
      errorClass = known?.[0] ?? "unknown";
      error = known
        ? known[0] === "dns"
          ? `DNS lookup of ${input.host} failed: ${known[1]}`
          : `${known[1]} by ${input.host}:${input.port}`
        : `Connection failed: ${(err as Error).message?.slice(0, 200) ?? "unknown error"}`;
    }
  } finally {
    clearTimeout(timer);
    (socket as Socket | null)?.destroy();
  }
  timings.totalMs = round(performance.now() - t0);
  const ok = errorClass === null;
  return { ok, startedAt, statusCode: null, latencyMs: Math.round(timings.totalMs), timings, errorClass, error, tlsExpiresAt: null, remoteAddress };
}
