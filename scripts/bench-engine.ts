// Micro-benchmark of the HTTP check engine: checks/s of runHttpCheck against a local keep-alive
// server (in a child process) at a fixed concurrency, next to a bare undici keep-alive ceiling.
// Usage: npm run bench:engine [-- --seconds 10 --concurrency 100 --keyword]   Prints JSON.
import { spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { Agent, request } from "undici";
import { runHttpCheck } from "@/lib/checks/http-check";

const { values } = parseArgs({
  options: { seconds: { type: "string", default: "10" }, concurrency: { type: "string", default: "100" }, keyword: { type: "boolean", default: false } },
});
const seconds = Number(values.seconds);
const concurrency = Number(values.concurrency);

const SERVER = `
  const http = require("node:http");
  const body = Buffer.from("<html><body>" + "x".repeat(2000) + " all systems operational</body></html>");
  const s = http.createServer((q, r) => { r.writeHead(200, { "content-type": "text/html", "content-length": body.length }); r.end(body); });
  s.keepAliveTimeout = 60000;
  s.listen(0, "127.0.0.1", () => process.send(s.address().port));
`;

async function startServer() {
  const child = spawn(process.execPath, ["-e", SERVER], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
  const port = await new Promise<number>((resolve) => child.once("message", (m) => resolve(Number(m))));
  return { port, stop: () => child.kill() };
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : null);
const r2 = (n: number | null) => (n === null ? null : Math.round(n * 100) / 100);

async function drive(label: string, once: () => Promise<boolean>) {
  const latencies: number[] = [];
  let failures = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const end = t0 + seconds * 1000;
  let peakRss = 0;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 200);
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const s = performance.now();
        if (!(await once())) failures++;
        latencies.push(performance.now() - s);
      }
    }),
  );
  clearInterval(sampler);
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  latencies.sort((a, b) => a - b);
  return {
    label,
    completed: latencies.length,
    failures,
    perSecond: Math.round(latencies.length / elapsed),
    latencyMs: { p50: r2(pct(latencies, 50)), p99: r2(pct(latencies, 99)), max: r2(latencies.at(-1) ?? null) },
    cpuPercentOfOneCore: Math.round(((cpu.user + cpu.system) / 1000 / (elapsed * 1000)) * 100),
    peakRssMb: Math.round(peakRss / 1024 / 1024),
  };
}

async function main() {
  const server = await startServer();
  const url = `http://127.0.0.1:${server.port}/`;
  try {
    const engine = await drive("runHttpCheck (fresh connection per check, body scanned)", async () => {
      const r = await runHttpCheck({
        url,
        method: "GET",
        headers: {},
        timeoutMs: 10_000,
        followRedirects: true,
        verifyTls: true,
        expectedStatus: "200-299",
        keyword: values.keyword ? "operational" : null,
        keywordMode: "present",
        allowPrivate: true,
        userAgent: "Vigil/bench (region local; +http://localhost)",
      });
      return r.ok;
    });
    const fresh = await drive("undici request, new Agent per request (fresh-connection floor)", async () => {
      const a = new Agent();
      try {
        const r = await request(url, { dispatcher: a });
        await r.body.dump();
        return r.statusCode === 200;
      } finally {
        void a.destroy();
      }
    });
    const agent = new Agent({ connections: concurrency });
    const ceiling = await drive("undici request, shared keep-alive Agent (ceiling)", async () => {
      const r = await request(url, { dispatcher: agent });
      await r.body.dump();
      return r.statusCode === 200;
    });
    await agent.close();
    console.log(
      JSON.stringify({ bench: "engine", node: process.version, seconds, concurrency, keyword: values.keyword, results: [engine, fresh, ceiling] }, null, 2),
    );
  } finally {
    server.stop();
  }
}

await main();
