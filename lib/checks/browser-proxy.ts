import http from "node:http";
import net from "node:net";
import { isAllowedHost, systemLookup, type LookupFn } from "./connector";
import { blockedMessage, isBlockedAddress } from "./ssrf";

/**
 * The enforcing half of a browser check's private-address guard: a forward proxy on 127.0.0.1 that a
 * check's browser context sends all its traffic through (Playwright gives Chromium `<-loopback>`, so
 * loopback goes through it too). It resolves each host itself and connects to the address it
 * vetted, so what the route guard cannot see is covered here: redirect hops (Chromium follows them
 * without a new route call), and a name that answers differently the second time (DNS rebinding).
 * HTTPS and WebSockets arrive as CONNECT and are tunnelled untouched (no interception of TLS).
 */

export type GuardProxyOptions = {
  allowPrivate: boolean;
  allowHosts?: readonly string[];
  lookup?: LookupFn;
  onBlocked: (target: string, message: string) => void;
  /** host:port → the address the proxy connected to (the check's remote address). */
  onConnect?: (target: string, address: string) => void;
};

export type GuardProxy = { url: string; close: () => Promise<void> };

type Vetted = { ok: true; address: string } | { ok: false; message: string; status: number };

function vet(host: string, port: number, o: GuardProxyOptions): Promise<Vetted> {
  const bareHost = host.replace(/^\[|\]$/g, "");
  const allowed = o.allowPrivate || isAllowedHost(o.allowHosts, bareHost, port);
  if (net.isIP(bareHost)) {
    const v = isBlockedAddress(bareHost);
    return Promise.resolve(
      !allowed && v.blocked ? { ok: false, status: 403, message: blockedMessage(bareHost, bareHost, v.reason!, port) } : { ok: true, address: bareHost },
    );
  }
  return new Promise((resolve) =>
    (o.lookup ?? systemLookup)(bareHost, (err, addresses) => {
      if (err || !addresses.length) return resolve({ ok: false, status: 502, message: `DNS lookup failed for ${bareHost}` });
      if (allowed) return resolve({ ok: true, address: addresses[0]!.address });
      const usable = addresses.find((a) => !isBlockedAddress(a.address).blocked);
      if (usable) return resolve({ ok: true, address: usable.address });
      const first = addresses[0]!;
      resolve({ ok: false, status: 403, message: blockedMessage(bareHost, first.address, isBlockedAddress(first.address).reason!, port) });
    }),
  );
}

const splitHostPort = (authority: string, defaultPort: number): [string, number] => {
  const m = authority.match(/^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/);
  return m ? [m[1]!, Number(m[2] ?? defaultPort)] : [authority, defaultPort];
};

export async function startGuardProxy(o: GuardProxyOptions): Promise<GuardProxy> {
  const sockets = new Set<net.Socket>();
  const server = http.createServer(async (req, res) => {
    // A plain-HTTP request through a proxy names its absolute URL.
    let target: URL;
    try {
      target = new URL(req.url ?? "");
      if (target.protocol !== "http:") throw new Error("not http");
    } catch {
      return res.writeHead(400).end();
    }
    const port = Number(target.port) || 80;
    const v = await vet(target.hostname, port, o);
    if (!v.ok) {
      if (v.status === 403) o.onBlocked(`${target.hostname}:${port}`, v.message);
      return res.writeHead(v.status, { "content-type": "text/plain" }).end(v.message);
    }
    o.onConnect?.(`${target.hostname}:${port}`, v.address);
    const headers = { ...req.headers };
    delete headers["proxy-connection"];
    delete headers["proxy-authorization"];
    const upstream = http.request({ host: v.address, port, method: req.method, path: `${target.pathname}${target.search}`, headers, setHost: false }, (up) => {
      res.writeHead(up.statusCode ?? 502, up.rawHeaders);
      up.pipe(res);
    });
    upstream.on("error", () => res.destroy());
    res.on("close", () => upstream.destroy());
    req.pipe(upstream);
  });
  server.on("connect", async (req: http.IncomingMessage, client: net.Socket, head: Buffer) => {
    client.on("error", () => {});
    const [host, port] = splitHostPort(req.url ?? "", 443);
    const v = await vet(host, port, o);
    if (!v.ok) {
      if (v.status === 403) o.onBlocked(`${host}:${port}`, v.message);
      return client.end(`HTTP/1.1 ${v.status} Blocked\r\nContent-Length: 0\r\n\r\n`);
    }
    o.onConnect?.(`${host}:${port}`, v.address);
    const upstream = net.connect({ host: v.address, port }, () => {
      client.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      if (head.length) upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    upstream.on("error", () => client.destroy());
    client.on("close", () => upstream.destroy());
  });
  server.on("connection", (s: net.Socket) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
    s.on("error", () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
