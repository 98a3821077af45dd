import http from "node:http";
import type { AddressInfo } from "node:net";

/** Test support: a local HTTP receiver that records every request and answers as a test tells it to. */
export type Received = { method: string; path: string; headers: http.IncomingHttpHeaders; body: string };
export type Responder = (req: Received, res: http.ServerResponse) => void;

export async function startReceiver(respond: Responder = (_r, res) => res.writeHead(200).end("ok")) {
  const requests: Received[] = [];
  let responder = respond;
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const r = { method: req.method ?? "", path: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") };
      requests.push(r);
      responder(r, res);
    });
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    url: `http://127.0.0.1:${port}`,
    requests,
    /** What the delivery code needs to reach this loopback receiver past the private-address guard. */
    allowHosts: [`127.0.0.1:${port}`],
    respond(next: Responder) {
      responder = next;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
