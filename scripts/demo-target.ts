/**
 * A local site for the demo monitors of `npm run up`: one healthy endpoint, one that goes down for
 * 2 minutes out of every 6 (so incidents open and resolve while you watch), and one slow endpoint.
 */
import http from "node:http";
import { pathToFileURL } from "node:url";

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
  const stop = () => server.close(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
