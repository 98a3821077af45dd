import net, { type AddressInfo } from "node:net";

/**
 * A TCP proxy the test can cut and restore. Cut = every connection dropped and the port closed
 * (new connections are refused, as when the server is down); restore = listening again on the same port.
 * `tap`, when given, is called per connection and gets every chunk the client sends (bench:queries counts
 * the statements a web server sends to Postgres with it).
 */
export async function startTcpProxy(targetPort: number, targetHost = "127.0.0.1", tap?: () => (chunk: Buffer) => void) {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(targetPort, targetHost);
    sockets.add(client);
    sockets.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on("error", drop).on("close", drop);
    upstream.on("error", drop).on("close", drop);
    if (tap) client.on("data", tap());
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  const dropAll = () => {
    for (const s of sockets) s.destroy();
    sockets.clear();
  };
  return {
    port,
    cut() {
      server.close();
      dropAll();
    },
    restore: () => new Promise<void>((r) => server.listen(port, "127.0.0.1", () => r())),
    close: () => new Promise<void>((r) => (dropAll(), server.listening ? server.close(() => r()) : r())),
  };
}
