/**
 * Browser checks per minute for one worker, with memory: the worker's browser pool (one Chromium,
 * WORKER_BROWSER_CONTEXTS pages at a time) runs real checks back to back against a local page that
 * renders its text 200 ms after load, for BENCH_SECONDS (default 60). Reports checks/min, latency
 * percentiles and the peak memory (PSS) of the worker process plus its Chromium processes.
 *
 *   npx tsx scripts/bench-browser.ts            # CHROMIUM_PATH, WORKER_BROWSER_CONTEXTS, BENCH_SECONDS
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { runBrowserCheck } from "../lib/checks/browser-check";
import { BrowserPool } from "../lib/checks/browser-pool";

const seconds = Number(process.env.BENCH_SECONDS ?? 60);
const contexts = Number(process.env.WORKER_BROWSER_CONTEXTS ?? 2);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const PAGE = `<!doctype html><html><head><title>bench</title><style>body{font:16px sans-serif}</style></head>
<body><h1>Store</h1><div id="app">Loading…</div><img src="/logo.svg" width="64" height="64">
<script>setTimeout(() => { document.getElementById("app").textContent = "Checkout ready"; }, 200);</script></body></html>`;
const LOGO = `<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><circle cx="32" cy="32" r="30" fill="#4f46e5"/></svg>`;

/**
 * Memory (bytes) of this process and every process below it (the browser and its renderers), as PSS
 * where /proc allows (shared pages counted once across Chromium's processes; plain RSS sums would count
 * its shared libraries once per renderer), else RSS.
 */
function treeRss(): number {
  const out = execFileSync("ps", ["-e", "-o", "pid=,ppid=,rss="], { encoding: "utf8" });
  const rows = out
    .trim()
    .split("\n")
    .map((l) => l.trim().split(/\s+/).map(Number)) as [number, number, number][];
  const children = new Map<number, number[]>();
  for (const [pid, ppid] of rows) children.set(ppid, [...(children.get(ppid) ?? []), pid]);
  const rss = new Map(rows.map(([pid, , kb]) => [pid, kb]));
  let total = 0;
  const stack = [process.pid];
  while (stack.length) {
    const pid = stack.pop()!;
    total += pss(pid) ?? (rss.get(pid) ?? 0) * 1024;
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

function pss(pid: number): number | null {
  try {
    const m = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8").match(/^Pss:\s+(\d+) kB/m);
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;

async function main() {
  const server = http.createServer((req, res) => {
    if (req.url === "/logo.svg") return res.writeHead(200, { "content-type": "image/svg+xml" }).end(LOGO);
    res.writeHead(200, { "content-type": "text/html" }).end(PAGE);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  const pool = new BrowserPool({ executablePath: chromium, maxContexts: contexts });
  const req = {
    url: `http://127.0.0.1:${port}/`,
    waitForText: "Checkout ready",
    waitForSelector: "#app",
    timeoutMs: 10_000,
    allowPrivate: false,
    allowHosts: [`127.0.0.1:${port}`],
    userAgent: "Vigil/bench",
  };

  await runBrowserCheck(req, { pool }); // launch the browser outside the measured window
  const latencies: number[] = [];
  let failures = 0;
  let peakRss = treeRss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, treeRss())), 1000);
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const end = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: contexts }, async () => {
      while (performance.now() < end) {
        const r = await runBrowserCheck(req, { pool });
        latencies.push(r.latencyMs);
        if (!r.ok) failures++;
      }
    }),
  );
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, treeRss());
  const cpu = process.cpuUsage(cpu0);
  await pool.close();
  server.close();

  latencies.sort((a, b) => a - b);
  const report = {
    contexts,
    seconds: Math.round(elapsed),
    checks: latencies.length,
    failures,
    checksPerMinute: Math.round((latencies.length / elapsed) * 60),
    latencyMs: { p50: Math.round(pct(latencies, 50)), p95: Math.round(pct(latencies, 95)), max: Math.round(latencies.at(-1) ?? 0) },
    peakMemoryMiB: Math.round(peakRss / 1024 / 1024),
    workerCpuMsPerCheck: Math.round((cpu.user + cpu.system) / 1000 / Math.max(1, latencies.length)),
  };
  console.log(JSON.stringify(report, null, 2));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
