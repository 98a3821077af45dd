import http from "node:http";
import type { OriginResponse } from "./response-cache";

export type OriginTarget = {
  /** Where the app listens in this process (loopback). */
  port: number;
  /** The Host the app is asked with: the configured public one, never the visitor's (no cache poisoning). */
  host: string;
  /** Marks the request as the cache's own, so it goes straight to the app instead of back to the cache. */
  bypassHeader: [name: string, value: string];
  timeoutMs?: number;
};

/** GETs `path` from the app in this process over loopback, as a CDN would ask its origin. */
export function loopbackOrigin(target: OriginTarget) {
  return (path: string, visitor: http.IncomingMessage): Promise<OriginResponse> =>
    new Promise((resolve, reject) => {
      const forwardedFor = firstHeader(visitor.headers["x-forwarded-for"]) ?? visitor.socket.remoteAddress ?? "";
      const req = http.request(
        {
          host: "127.0.0.1",
          port: target.port,
          path,
          method: "GET",
          headers: { host: target.host, "accept-encoding": "identity", "x-forwarded-for": forwardedFor, [target.bypassHeader[0]]: target.bypassHeader[1] },
          timeout: target.timeoutMs ?? 15_000,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on("data", (c: Buffer) => chunks.push(c));
          res.on("end", () => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: Buffer.concat(chunks) }));
          res.on("error", reject);
        },
      );
      req.on("timeout", () => req.destroy(new Error(`origin did not answer ${path} in time`)));
      req.on("error", reject);
      req.end();
    });
}

const firstHeader = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v)?.split(",")[0]?.trim() || undefined;
