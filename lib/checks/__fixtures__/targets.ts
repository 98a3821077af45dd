// Local targets for the engine's tests: real servers on 127.0.0.1, port 0.
import { readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import path from "node:path";
import type { HttpCheckRequest } from "../http-check";
import type { LookupFn } from "../connector";

const dir = import.meta.dirname;
export const fixture = (name: string) => readFileSync(path.join(dir, name));
/** Self-signed, CN/SAN localhost only, valid until 2126. */
export const LOCALHOST_CERT = fixture("localhost.crt");
/** Same key, valid 2020-01-01 .. 2020-01-02. */
export const EXPIRED_CERT = fixture("expired.crt");
export const LOCALHOST_KEY = fixture("localhost.key");

export type Target = { port: number; url: (p?: string) => string; close: () => Promise<void> };

async function listen(server: net.Server, scheme: string, track: Set<net.Socket>): Promise<Target> {
  server.on("connection", (s: net.Socket) => {
    track.add(s);
    s.on("close", () => track.delete(s));
    s.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  return {
    port,
    url: (p = "/") => `${scheme}://127.0.0.1:${port}${p}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of track) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export function startHttp(handler: http.RequestListener): Promise<Target> {
  return listen(http.createServer(handler), "http", new Set());
}

export function startHttps(handler: http.RequestListener, cert: Buffer = LOCALHOST_CERT): Promise<Target> {
  const server = https.createServer({ key: LOCALHOST_KEY, cert }, handler);
  server.on("tlsClientError", () => {});
  return listen(server, "https", new Set());
}

/** A TCP server that hands each raw socket to `onSocket` (hang, garbage…). */
export function startRaw(onSocket: (s: net.Socket) => void, scheme = "http"): Promise<Target> {
  return listen(net.createServer(onSocket), scheme, new Set());
}

/** Resolves every name to 127.0.0.1 (or to the given map). */
export const lookupTo =
  (map: Record<string, string[]> = {}, fallback = ["127.0.0.1"]): LookupFn =>
  (hostname, cb) => {
    const addrs = map[hostname] ?? fallback;
    setImmediate(() => cb(null, addrs.map((address) => ({ address, family: net.isIPv6(address) ? 6 : 4 }))));
  };

export function checkReq(url: string, over: Partial<HttpCheckRequest> = {}): HttpCheckRequest {
  return {
    url,
    method: "GET",
    headers: {},
    timeoutMs: 5000,
    followRedirects: true,
    verifyTls: true,
    expectedStatus: "200-299",
    keyword: null,
    keywordMode: "present",
    allowPrivate: true,
    userAgent: "Vigil/test (region test; +http://vigil.test)",
    ...over,
  };
}
