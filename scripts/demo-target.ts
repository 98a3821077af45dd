/**
 * A local site for the demo monitors of `npm run up`: one healthy endpoint, one that goes down for
 * 2 minutes out of every 6 (so incidents open and resolve while you watch), and one slow endpoint. The
 * same port answers DNS over UDP (demo.vigil.test A, MX, TXT) for the demo DNS monitor, and its TCP side
 * is what the demo TCP monitor connects to; CHECKS_ALLOW_HOSTS already names 127.0.0.1:<port>.
 */
import http from "node:http";
import { pathToFileURL } from "node:url";
import { startDnsResponder, type DnsZone } from "../tests/dns-responder";

export const DEMO_ZONE: DnsZone = new Map([
  ["demo.vigil.test|A", [{ type: "A", value: "192.0.2.10" }]],
  ["demo.vigil.test|MX", [{ type: "MX", priority: 10, exchange: "mail.demo.vigil.test" }]],
  ["demo.vigil.test|TXT", [{ type: "TXT", value: "v=spf1 -all" }]],
]);

export function demoHandler(now: () => number = Date.now): http.RequestListener {
  return (req, res) => {
    const url = new URL(req.url ?? "/", "http://demo");
    if (url.pathname === "/ok") {
      res.writeHead(200, { "content-type": "text/plain" });
      return res.end("all systems operational");
    }
    if (url.pathname === "/flaky") {
      const minute = Math.floor(now() / 60_000) % 6;
      const down = minute >= 4;
      res.writeHead(down ? 503 : 200, { "content-type": "text/plain" });
      return res.end(down ? "maintenance in progress" : "ok");
    }
    if (url.pathname === "/app") {
      // For the demo browser check: the text is rendered by the page's script, as in a single-page app.
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      return res.end(
        `<!doctype html><html><head><title>Demo app</title></head><body><main id="app">Loading…</main>` +
          `<script>setTimeout(() => { document.getElementById("app").textContent = "Dashboard ready"; }, 300);</script></body></html>`,
      );
    }
    if (url.pathname === "/slow") {
      const delay = 300 + Math.round(Math.random() * 900);
      setTimeout(() => {
        res.writeHead(200, { "content-type": "text/plain" });
        res.end("slow but fine");
      }, delay);
      return;
    }
    res.writeHead(404).end("not found");
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const port = Number(process.env.DEMO_TARGET_PORT ?? 4100);
  const server = http.createServer(demoHandler()).listen(port, "127.0.0.1", () => console.log(`demo target on http://127.0.0.1:${port}`));
  const dns = startDnsResponder(DEMO_ZONE, port).then((d) => (console.log(`demo DNS on udp 127.0.0.1:${port}`), d));
  const stop = () => server.close(() => void dns.then((d) => d.close()).finally(() => process.exit(0)));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
