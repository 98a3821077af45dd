import dns, { type LookupAddress } from "node:dns";
import net, { type Socket } from "node:net";
import tls, { type TLSSocket } from "node:tls";
import type { buildConnector } from "undici";
import { CheckFailure, tlsFailureMessage } from "./classify-error";
import { blockedMessage, isBlockedAddress } from "./ssrf";
import type { TimingRecorder } from "./timings";

/** dns.lookup's shape, always asked for every address (injectable: tests resolve names to 127.0.0.1). */
export type LookupFn = (hostname: string, callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void) => void;

export const systemLookup: LookupFn = (hostname, callback) => dns.lookup(hostname, { all: true, verbatim: true }, callback);

export type ConnectorOptions = {
  allowPrivate: boolean;
  /** host or host:port entries (CHECKS_ALLOW_HOSTS) exempt from the private-address guard. */
  allowHosts?: readonly string[];
  verifyTls: boolean;
  signal: AbortSignal;
  timings: TimingRecorder;
  lookup?: LookupFn;
  /** Extra trust roots (replaces the system store for this check); tests and private CAs. */
  ca?: string | Buffer;
  onPeer: (info: { remoteAddress: string | null; tlsExpiresAt?: Date | null }) => void;
};

export type CheckConnector = buildConnector.connector;

/** Is host (or host:port) named in the operator's allow-list? Names compare case-insensitively. */
export function isAllowedHost(allowHosts: readonly string[] | undefined, hostname: string, port: number): boolean {
  if (!allowHosts?.length) return false;
  const host = hostname.toLowerCase().replace(/^\[|\]$/g, "");
  return allowHosts.some((entry) => {
    const e = entry.toLowerCase();
    return e === host || e === `${host}:${port}` || e === `[${host}]:${port}`;
  });
}

/**
 * undici connector for one check. Resolves the name itself so it can time DNS and refuse blocked
 * addresses on the IP it actually connects to (every redirect hop and every new connection passes
 * here, so DNS rebinding and redirects to private addresses are refused too). TLS is always
 * handshaken without rejecting so the certificate's expiry is recorded even when verification fails;
 * verification is then enforced here when verifyTls is set.
 */
export function createConnector(o: ConnectorOptions): CheckConnector {
  const baseLookup = o.lookup ?? systemLookup;
  return (opts, callback) => {
    const { hostname, protocol } = opts;
    const https = protocol === "https:";
    const port = Number(opts.port) || (https ? 443 : 80);
    const allowPrivate = o.allowPrivate || isAllowedHost(o.allowHosts, hostname, port);
    let done = false;
    let socket: Socket | TLSSocket | null = null;
    const finish = (err: Error | null, s?: Socket) => {
      if (done) return;
      done = true;
      o.signal.removeEventListener("abort", onAbort);
      if (err) {
        socket?.destroy();
        callback(err, null);
      } else callback(null, s!);
    };
    const onAbort = () => finish(o.signal.reason instanceof Error ? o.signal.reason : new Error("aborted"));
    if (o.signal.aborted) return onAbort();
    o.signal.addEventListener("abort", onAbort, { once: true });

    o.timings.phase = "connect";
    let connectStart = o.timings.now();
    if (net.isIP(hostname) && !allowPrivate) {
      const verdict = isBlockedAddress(hostname);
      if (verdict.blocked) {
        queueMicrotask(() => finish(new CheckFailure("blocked", blockedMessage(hostname, hostname, verdict.reason!, port))));
        return;
      }
    }

    const lookup: net.LookupFunction = (host, lookupOpts, cb) => {
      const started = o.timings.now();
      o.timings.phase = "dns";
      baseLookup(host, (err, addresses) => {
        o.timings.add("dns", started);
        if (!err && addresses.length === 0) err = Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" });
        if (err) return (cb as (e: Error) => void)(err);
        let usable = addresses;
        if (!allowPrivate) {
          usable = addresses.filter((a) => !isBlockedAddress(a.address).blocked);
          if (usable.length === 0) {
            const first = addresses[0]!;
            return (cb as (e: Error) => void)(new CheckFailure("blocked", blockedMessage(host, first.address, isBlockedAddress(first.address).reason!, port)));
          }
        }
        o.timings.phase = "connect";
        connectStart = o.timings.now();
        if ((lookupOpts as { all?: boolean }).all) (cb as (e: null, a: LookupAddress[]) => void)(null, usable);
        else (cb as (e: null, a: string, f: number) => void)(null, usable[0]!.address, usable[0]!.family);
      });
    };

    const common = { host: hostname, port, lookup, autoSelectFamily: true, highWaterMark: 64 * 1024 };
    const s: Socket | TLSSocket = https
      ? tls.connect({
          ...common,
          servername: net.isIP(hostname) ? undefined : (opts.servername ?? hostname),
          rejectUnauthorized: false,
          ca: o.ca,
          ALPNProtocols: ["http/1.1"],
        })
      : net.connect(common);
    socket = s;
    s.setNoDelay(true);
    let tlsStart = 0;
    s.once("connect", () => {
      o.timings.add("connect", connectStart);
      o.timings.phase = https ? "tls" : "headers";
      tlsStart = o.timings.now();
      if (!https) {
        o.onPeer({ remoteAddress: s.remoteAddress ?? null });
        finish(null, s);
      }
    });
    s.once("secureConnect", () => {
      const t = s as TLSSocket;
      o.timings.add("tls", tlsStart);
      o.timings.phase = "headers";
      const cert = t.getPeerCertificate();
      const tlsExpiresAt = cert?.valid_to ? new Date(cert.valid_to) : null;
      o.onPeer({ remoteAddress: t.remoteAddress ?? null, tlsExpiresAt });
      if (o.verifyTls && !t.authorized) {
        const checkHost = net.isIP(hostname) ? hostname : (opts.servername ?? hostname);
        const identity = cert?.subject ? tls.checkServerIdentity(checkHost, cert) : null;
        const message = tlsFailureMessage(String(t.authorizationError ?? ""), cert ?? null, checkHost, identity ? identity.message : null);
        return finish(new CheckFailure("tls", message));
      }
      finish(null, t);
    });
    s.on("error", (err) => finish(err));
  };
}
