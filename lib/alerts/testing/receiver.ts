import http from "node:http";
import type { AddressInfo } from "node:net";

export type ReceivedRequest = { at: number; path: string; headers: http.IncomingHttpHeaders; body: string; status: number };
/** What to answer: a status, or "hang" (never answer: the sender's timeout must fire). */
export type Reply = number | "hang" | { status: number; headers?: Record<string, string> };

/**
 * A local HTTP receiver for delivery tests and the benchmark: records every request with the status it
 * answered; `reply(req, n)` decides per request (n = how many requests this path has seen, from 1).
 */
export async function startReceiver(reply: (req: { path: string; headers: http.IncomingHttpHeaders; body: string }, n: number) => Reply = () => 200) {
  const requests: ReceivedRequest[] = [];
  const counts = new Map<string, number>();
  const hanging = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const path = req.url ?? "/";
      const n = (counts.get(path) ?? 0) + 1;
      counts.set(path, n);
      const r = reply({ path, headers: req.headers, body }, n);
      if (r === "hang") {
        requests.push({ at: Date.now(), path, headers: req.headers, body, status: 0 });
        hanging.add(res);
        return;
      }
      const { status, headers } = typeof r === "number" ? { status: r, headers: {} } : r;
      requests.push({ at: Date.now(), path, headers: req.headers, body, status });
      res.writeHead(status, { "content-type": "text/plain", ...headers }).end(status < 300 ? "ok" : "no");
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: (path = "/hook") => `http://127.0.0.1:${port}${path}`,
    requests,
    /** Requests answered 2xx. */
    accepted: (path?: string) => requests.filter((r) => r.status >= 200 && r.status < 300 && (!path || r.path === path)),
    on: (path: string) => requests.filter((r) => r.path === path),
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}
