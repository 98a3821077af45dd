/**
 * npm run bench:queries [-- --http [--db-up] [--wrk]] [--build] [--iterations=100] [--keep]
 * Query latency of charts, uptime and status pages at scale, printed as JSON (not a test):
 *  - its own database (vigil_bench_queries): one monitor with 90 days of 30-second checks from two
 *    regions (≈ 518,000 rows, INSERT … SELECT generate_series), rolled up by the real rollup code;
 *    a workspace with 10,000 monitors (24 h of hourly rollups each) and a 10-monitor status page with
 *    1,000 subscribers, a posted incident with an update, a maintenance window running and one announced;
 *  - p50/p95 of: monitor page data per range, overview stats for a page of 50 and 100 monitors,
 *    status page DTO build (uncached) and cached read, uptime 90d;
 *  - with --http: the web server (server.ts, build in .next-bench; --build rebuilds it) and autocannon
 *    against the cached public status page and its feed, then bare `next start` on the same build for the
 *    ratio, then a bare node:http server sending the same status line, headers and body, as the machine's
 *    ceiling at that moment. Every statement a server sends to Postgres is counted on the wire (a relay in
 *    front of Postgres). By default the web's Postgres role is locked (NOLOGIN, sessions terminated) during
 *    every measured run, so any request that needed the database fails (past STATUS_CACHE_MAX_AGE_SECONDS
 *    server.ts then serves its labelled outage copy); with --db-up the database stays up, as in production,
 *    and the figure is statements per request, next to the statements one page build sends. With --wrk the
 *    load comes from Debian's wrk (installed if missing) instead of autocannon, which on two shared cores
 *    spends more CPU per request than the server does.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import {
  assertPageShows,
  seedPageContent,
  startBareServer,
  startStatementCounter,
  STATEMENT_COUNT_METHOD,
  treeCpuMs,
  type PageContent,
} from "./bench-status-kit";

const ROOT = path.resolve(import.meta.dirname, "..");
const argv = process.argv.slice(2);
const flag = (n: string) => argv.includes(`--${n}`);
const arg = (n: string, d: string) => argv.find((a) => a.startsWith(`--${n}=`))?.split("=")[1] ?? d;
const ITER = Number(arg("iterations", "100"));
const DB_NAME = "vigil_bench_queries";
const BASE = process.env.TEST_DATABASE_BASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB_URL = (() => {
  const u = new URL(BASE);
  u.pathname = `/${DB_NAME}`;
  return u.toString();
})();
const log = (m: string) => process.stderr.write(`[bench:queries] ${m}\n`);

process.env.DATABASE_URL = DB_URL;
process.env.REDIS_PREFIX = `vigil-bench-queries-${process.pid}`;
process.env.LOG_LEVEL ??= "warn";

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] * 1000) / 1000;
};
async function measure(fn: () => Promise<unknown>, n = ITER) {
  for (let i = 0; i < 3; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return { p50Ms: pct(times, 50), p95Ms: pct(times, 95), n };
}

async function main() {
  const admin = postgres(BASE, { max: 1, onnotice: () => {} });
  if (!["127.0.0.1", "localhost"].includes(new URL(BASE).hostname)) throw new Error("bench runs against a local Postgres only");
  await admin.unsafe(`drop database if exists "${DB_NAME}" with (force)`);
  await admin.unsafe(`create database "${DB_NAME}"`);
  const { migrateDatabase } = await import("../lib/db/migrate");
  await migrateDatabase(DB_URL, path.join(ROOT, "drizzle"));

  const { db, rawSql, closeDb } = await import("../lib/db/client");
  const { closeRedis } = await import("../lib/redis/client");
  const { createUser } = await import("../lib/accounts/create-user");
  const { insertCheckSeries, insertMonitor } = await import("../lib/rollups/seed");
  const { rollupUntilCaughtUp } = await import("../lib/rollups/run-rollup");
  const { getMonitorView } = await import("../lib/rollups/monitor-view");
  const { getOverviewStats } = await import("../lib/rollups/overview");
  const { getMonitorUptime } = await import("../lib/uptime/get-uptime");
  const { loadPublicStatusPage } = await import("../lib/status-pages/public");
  const { getPublicStatusPage } = await import("../lib/status-pages/cache");
  const { createStatusPage } = await import("../lib/status-pages/save-status-page");
  const { systemCtx } = await import("../lib/context");
  const sql = rawSql();

  const DAY = 86_400_000;
  const now = Date.now();
  const seedStart = performance.now();
  const { workspaceId } = await createUser(db, { email: "bench@vigil.test", password: "bench-password-123" });
  const ctx = systemCtx(db, workspaceId, "bench");
  const big = await insertMonitor(db, { workspaceId, name: "Bench API", createdAt: new Date(now - 91 * DAY), regions: ["eu", "us"], intervalSeconds: 30 });
  const failing = Array.from({ length: 12 }, (_, i) => ({
    from: new Date(now - (85 - i * 7) * DAY),
    to: new Date(now - (85 - i * 7) * DAY + (5 + i) * 60_000),
  }));
  const rows = await insertCheckSeries(db, {
    monitorId: big.id,
    regions: ["eu", "us"],
    from: new Date(now - 90 * DAY),
    to: new Date(now - 60_000),
    everySeconds: 30,
    failing,
  });
  const { incidents } = await import("../lib/db/schema");
  await db.insert(incidents).values(
    failing.map((f) => ({
      workspaceId,
      monitorId: big.id,
      status: "resolved" as const,
      cause: "HTTP 503",
      startedAt: f.from,
      resolvedAt: f.to,
      errorClass: "status",
      statusCode: 503,
    })),
  );
  const seededChecksMs = performance.now() - seedStart;
  const r0 = performance.now();
  const rolled = await rollupUntilCaughtUp(db, { maxBatch: 1_000_000, timeoutMs: 600_000 });
  const rollupMs = performance.now() - r0;
  log(`seeded ${rows} checks in ${Math.round(seededChecksMs)} ms, rolled up ${rolled} in ${Math.round(rollupMs)} ms`);

  // 9,999 more monitors in the same workspace, each with 24 h of hourly rollups from two regions.
  await sql`insert into monitors (workspace_id, name, type, url, status, created_at)
    select ${workspaceId}, 'Monitor ' || g, 'http', 'https://m' || g || '.example.test/', 'up', now() - interval '30 days' - g * interval '1 second'
    from generate_series(1, 9999) g`;
  await sql`insert into check_rollups_hourly (monitor_id, region, bucket, checks, ok_checks, latency_sum_ms, latency_max_ms, dns_sum_ms, connect_sum_ms, tls_sum_ms, ttfb_sum_ms)
    select m.id, r, date_trunc('hour', now()) - h * interval '1 hour', 60, 60, 60 * (100 + (h * 7) % 50), 200, 600, 900, 1200, 3000
    from monitors m cross join generate_series(0, 23) h cross join unnest(array['eu','us']) r where m.id <> ${big.id}`;
  await sql`insert into incidents (workspace_id, monitor_id, status, cause, started_at, resolved_at)
    select ${workspaceId}, id, 'resolved', 'timeout', now() - interval '5 hours', now() - interval '4 hours' from monitors where name like 'Monitor %0'`;
  await sql`analyze`;
  const page = (await sql`select id from monitors where workspace_id = ${workspaceId} order by created_at desc limit 100`).map((r) => r.id as string);
  const others = (await sql`select id from monitors where workspace_id = ${workspaceId} and id <> ${big.id} limit 9`).map((r) => r.id as string);
  const slug = "bench";
  const listed = [big.id, ...others];
  const statusPage = await createStatusPage(ctx, {
    slug,
    title: "Bench status",
    subscribersEnabled: true,
    monitors: listed.map((id, i) => ({ monitorId: id, displayName: `Service ${i + 1}`, groupName: i < 5 ? "Core" : "Edge" })),
  });
  // What issue 12 asks the figures to hold with: subscribers, a posted incident, maintenance running and announced.
  const content = await seedPageContent(ctx, sql, statusPage.id, listed);
  await sql`analyze`;
  log(`seeded 10,000 monitors and a status page in ${Math.round(performance.now() - seedStart)} ms total`);

  const result: Record<string, unknown> = {
    machine: { cpus: (await import("node:os")).cpus().length, node: process.version },
    seed: { checkRows: rows, rollupRows: rolled, seedChecksMs: Math.round(seededChecksMs), rollupMs: Math.round(rollupMs), monitors: 10_000 },
    statusPage: { monitors: listed.length, groups: 2, ...content.page },
    queries: {} as Record<string, unknown>,
  };
  const q = result.queries as Record<string, unknown>;
  for (const range of ["1h", "24h", "7d", "30d", "90d"] as const) q[`monitorPage.${range}`] = await measure(() => getMonitorView(ctx, big.id, range));
  q["overview.page50"] = await measure(() => getOverviewStats(ctx, page.slice(0, 50)));
  q["overview.page100"] = await measure(() => getOverviewStats(ctx, page));
  q["statusPage.build"] = await measure(() => loadPublicStatusPage(db, slug));
  q["statusPage.cached"] = await measure(() => getPublicStatusPage(slug), ITER * 10);
  q["uptime.90d"] = await measure(() => getMonitorUptime(ctx, { monitorId: big.id, window: "90d" }));
  q["uptime.24h"] = await measure(() => getMonitorUptime(ctx, { monitorId: big.id, window: "24h" }));

  if (flag("http")) {
    if (WRK) ensureWrk();
    result.http = await httpBench(slug, sql, content);
  }
  console.log(JSON.stringify(result, null, 2));
  await closeDb();
  await closeRedis();
  if (!flag("keep")) await admin.unsafe(`drop database if exists "${DB_NAME}" with (force)`);
  await admin.end();
}

type Autocannon = (
  o: object,
) => Promise<{ requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number }>;
const autocannon = (o: object) => (createRequire(import.meta.url)("autocannon") as Autocannon)(o);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const loadAverage = () => os.loadavg().map((l) => Math.round(l * 10) / 10);
const round2 = (n: number) => Math.round(n * 100) / 100;

// --db-up: the web server keeps its database for every measured run, as in production, and what it sends to
// Postgres is counted; without it, its role is locked out for each run (a request needing the database fails).
const DB_UP = flag("db-up");

type Web = {
  base: string;
  pid: number;
  counter: Awaited<ReturnType<typeof startStatementCounter>>;
  refused: () => number;
};
type Sample = { headers: Record<string, string>; body: Buffer };

async function httpBench(slug: string, sql: postgres.Sql, content: PageContent) {
  const distDir = ".next-bench";
  if (flag("build") || !fs.existsSync(path.join(ROOT, distDir, "BUILD_ID"))) {
    log("building into .next-bench …");
    const b = spawnSync(path.join(ROOT, "node_modules/.bin/next"), ["build"], {
      cwd: ROOT,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NEXT_DIST_DIR: distDir, NODE_ENV: "production" },
    });
    if (b.status !== 0) return { skipped: "next build failed" };
  }
  // The web server gets its own login role, so that during each measured run its Postgres access can be
  // cut off entirely (NOLOGIN + its sessions terminated), or, with --db-up, told apart from everyone else's.
  const role = "vigil_bench_web";
  await sql.unsafe(`drop role if exists ${role}`).catch(() => undefined);
  await sql.unsafe(`create role ${role} login`);
  await sql.unsafe(`grant all on all tables in schema public to ${role}; grant all on all sequences in schema public to ${role}`);
  try {
    const xacts = async () => Number((await sql`select xact_commit + xact_rollback as n from pg_stat_database where datname = ${DB_NAME}`)[0].n);
    // Seeding leaves autovacuum work behind, and its transactions count in pg_stat_database too.
    await sql`vacuum analyze`;
    const idle0 = await xacts();
    await sleep(3000);
    const idleBaseline = Math.max(0, (await xacts()) - idle0 - 1);
    const loadAtStart = loadAverage();
    // Like with like, one after the other in this run: the product's web server, bare `next start`, then the
    // machine's ceiling at that moment: a bare node:http process sending the bytes the web server sent.
    const measure = { slug, sql, role, xacts };
    const webServer = await serveAndMeasure(measure, ["tsx", ["server.ts"]], true);
    const nextStart = await serveAndMeasure(measure, ["next", ["start"]], false);
    const bare = await startBareServer(webServer.samples);
    const bareRuns = {
      page: await loadRun(`${bare.base}/identity`, 100, bare.pid),
      pageGzip: await loadRun(`${bare.base}/gzip`, 100, bare.pid, GZIP),
    };
    await bare.stop();
    const { identity, gzip } = webServer.samples;
    return {
      method: {
        webDb: DB_UP
          ? "up during every measured run (--db-up)"
          : "the web server's Postgres role locked (NOLOGIN, sessions terminated) during every measured run",
        webDbStatements: STATEMENT_COUNT_METHOD,
        benchDbTransactionsAllSources:
          "pg_stat_database xact_commit + xact_rollback of the bench database over the run, every source (autovacuum, this script's read of it); the web's sessions are ended after the run so their pending stats are flushed",
        load: `${WRK ? "wrk (one thread, its own process)" : "autocannon in the bench process"} (100 connections unless noted, 10 s after a 3 s warm-up), the server in its own process, on the same 2 cores; pageGzip asks for gzip as browsers do, page does not`,
        cpu: "serverCpuUsPerRequest: user + system time of the server's process tree (/proc) over the run, per request; loadGeneratorCpuUsPerRequest: the load generator's (autocannon: this process; wrk: its own, from bash's times); serverReqPerCpuSecond: requests / server CPU seconds, derived",
        bareNode: "node:http in its own process answering with the web server's exact status line, headers and body (identity or gzip), no logic",
      },
      loadAverage: { start: loadAtStart, end: loadAverage() },
      idleDbTransactionsPer3s: idleBaseline,
      pageBytes: identity.body.length,
      pageGzipBytes: gzip.body.length,
      page: { ...content.page, shows: assertPageShows(identity.body.toString(), content) },
      statementsPerPageBuild: { webServer: webServer.perBuild, nextStart: nextStart.perBuild },
      // Postgres connections the relay saw per server, and how many it could not read (TLS): should be 0.
      statementCounter: { webServer: webServer.counted, nextStart: nextStart.counted },
      webServer: webServer.runs,
      nextStart: nextStart.runs,
      bareNode: bareRuns,
      bareNodeSameBytesReqPerSec: bareRuns.page.reqPerSec,
      ratios: {
        webServerOverNextStart: round2(webServer.runs.page.reqPerSec / nextStart.runs.page.reqPerSec),
        webServerOverBareNode: round2(webServer.runs.page.reqPerSec / bareRuns.page.reqPerSec),
        webServerOverBareNodeGzip: round2(webServer.runs.pageGzip.reqPerSec / bareRuns.pageGzip.reqPerSec),
      },
    };
  } finally {
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where usename = ${role}`;
    await sql.unsafe(`drop owned by ${role}; drop role if exists ${role}`).catch(() => undefined);
  }
}

const GZIP = { "accept-encoding": "gzip, deflate, br" };

// --wrk: the load comes from wrk (C, one thread), which costs a fraction of autocannon's CPU per request, so on
// two shared cores the server rather than the load generator sets the pace. Installed from Debian if missing.
const WRK = flag("wrk");

type LoadResult = { requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number; cpuMs: number };

function ensureWrk(): void {
  if (spawnSync("wrk", ["--version"]).error === undefined) return;
  log("installing Debian's wrk for --wrk …");
  const asRoot = process.getuid?.() === 0;
  const run = (args: string[]) => spawnSync(asRoot ? args[0] : "sudo", asRoot ? args.slice(1) : args, { stdio: "inherit" });
  run(["apt-get", "install", "-y", "-qq", "wrk"]);
  if (spawnSync("wrk", ["--version"]).error !== undefined) throw new Error("--wrk needs wrk (apt-get install wrk)");
}

/** wrk for `seconds` with its own CPU time (bash's `times` reports the children's user + system time). */
function wrkRun(url: string, connections: number, seconds: number, headers: Record<string, string>): Promise<LoadResult> {
  const hdr = Object.entries(headers)
    .map(([k, v]) => `-H '${k}: ${v}'`)
    .join(" ");
  const cmd = `wrk -t1 -c${connections} -d${seconds}s --latency ${hdr} '${url}'; times`;
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", cmd], { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("error", reject);
    child.on("exit", () => {
      const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? NaN);
      const ms = (m: RegExpExecArray | null) => (m ? Number(m[1]) * (m[2] === "us" ? 0.001 : m[2] === "s" ? 1000 : 1) : NaN);
      const total = num(/(\d+) requests in/);
      const times = [...out.matchAll(/(\d+)m([\d.]+)s/g)].map((m) => Number(m[1]) * 60_000 + Number(m[2]) * 1000);
      resolve({
        requests: { average: num(/Requests\/sec:\s+([\d.]+)/), total },
        latency: { p50: ms(/50%\s+([\d.]+)(us|ms|s)/.exec(out)), p99: ms(/99%\s+([\d.]+)(us|ms|s)/.exec(out)) },
        non2xx: num(/Non-2xx or 3xx responses: (\d+)/) || 0,
        // connect, read, write and timeout errors (a request still unanswered after wrk's 2 s is a timeout).
        errors: (/Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out)?.slice(1) ?? []).reduce((a, b) => a + Number(b), 0),
        // `times` prints the shell's own times, then its children's (wrk's).
        cpuMs: (times[2] ?? 0) + (times[3] ?? 0),
      });
    });
  });
}

async function load(url: string, connections: number, seconds: number, headers: Record<string, string>): Promise<LoadResult> {
  if (WRK) return wrkRun(url, connections, seconds, headers);
  const self0 = process.cpuUsage();
  const r = await autocannon({ url, connections, duration: seconds, headers });
  const self = process.cpuUsage(self0);
  return { ...r, cpuMs: (self.user + self.system) / 1000 };
}

/** A load run against one URL after a warm-up, with the CPU the server and the load generator spent per request. */
async function loadRun(url: string, connections: number, serverPid: number, headers: Record<string, string> = {}, during?: () => Promise<void>) {
  await load(url, 50, 3, headers); // warm-up
  await sleep(1500);
  await during?.();
  const server0 = treeCpuMs(serverPid);
  const r = await load(url, connections, 10, headers);
  const serverMs = treeCpuMs(serverPid) - server0;
  const perRequestUs = (ms: number) => Math.round((ms * 1000) / Math.max(1, r.requests.total));
  return {
    path: new URL(url).pathname,
    connections,
    ...(headers["accept-encoding"] ? { acceptEncoding: headers["accept-encoding"] } : {}),
    reqPerSec: Math.round(r.requests.average),
    total: r.requests.total,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    serverCpuUsPerRequest: perRequestUs(serverMs),
    // Derived, not measured: what one core would answer if the server had it to itself at this cost.
    serverReqPerCpuSecond: Math.round((r.requests.total * 1000) / Math.max(1, serverMs)),
    loadGeneratorCpuUsPerRequest: perRequestUs(r.cpuMs),
  };
}

type Measure = { slug: string; sql: postgres.Sql; role: string; xacts: () => Promise<number> };
type Run = Awaited<ReturnType<typeof measureRun>>;

async function measureRun(path: string, connections: number, m: Measure, web: Web, perBuild: number | null, headers: Record<string, string> = {}) {
  const { sql, role, xacts } = m;
  let before = 0;
  let statementsBefore = 0;
  let refusedBefore = 0;
  const run = await loadRun(`${web.base}${path}`, connections, web.pid, headers, async () => {
    before = await xacts();
    statementsBefore = web.counter.counts.statements;
    refusedBefore = web.refused();
    if (!DB_UP) {
      await sql.unsafe(`alter role ${role} nologin`);
      await sql`select pg_terminate_backend(pid) from pg_stat_activity where usename = ${role}`;
    }
  });
  const statements = web.counter.counts.statements - statementsBefore;
  if (!DB_UP) await sql.unsafe(`alter role ${role} login`);
  // A backend reports its transaction counts at most once a second, and an idle one up to 10 s later; ending
  // the web's sessions flushes them (the pool reconnects at the next page build).
  await sql`select pg_terminate_backend(pid) from pg_stat_activity where usename = ${role}`;
  await sleep(1500);
  const after = await xacts();
  return {
    ...run,
    webDbAccess: DB_UP ? "up during the run" : "cut off during the run",
    webDbStatements: statements,
    webDbStatementsPerRequest: Number((statements / Math.max(1, run.total)).toPrecision(2)),
    ...(perBuild ? { impliedPageBuilds: Math.round((statements / perBuild) * 10) / 10 } : {}),
    webDbAttemptsRefused: web.refused() - refusedBefore,
    // The counter includes the two stat reads themselves.
    benchDbTransactionsAllSources: Math.max(0, after - before - 1),
  };
}

/**
 * The statements one page build sends: every copy dropped (the change feed for server.ts' responses and
 * memo, the shared Redis copy) and older than STATUS_DATA_FRESH_SECONDS (`next start`'s memo), then one visit.
 */
async function statementsPerBuild(m: Measure, web: Web): Promise<number | null> {
  const { invalidatePublicStatusPage } = await import("../lib/status-pages/cache");
  await invalidatePublicStatusPage(m.slug);
  await sleep(2500);
  const before = web.counter.counts.statements;
  const res = await fetch(`${web.base}/status/${m.slug}`);
  await res.arrayBuffer();
  await sleep(300);
  // A hit means the copy was not dropped: no figure rather than a wrong one.
  return res.headers.get("x-cache") === "HIT" ? null : web.counter.counts.statements - before;
}

/** One answer's status line, headers and body exactly as sent (no decompression), for the bare server to replay. */
function rawGet(url: string, headers: Record<string, string>): Promise<Sample> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const kept = Object.entries(res.headers).filter(([name]) => !["date", "connection", "keep-alive", "transfer-encoding"].includes(name));
          resolve({ headers: Object.fromEntries(kept.map(([k, v]) => [k, String(v)])), body: Buffer.concat(chunks) });
        });
      })
      .on("error", reject);
  });
}

async function serveAndMeasure(m: Measure, [bin, args]: [string, string[]], full: boolean) {
  const webUrl = new URL(DB_URL);
  webUrl.username = m.role;
  const counter = await startStatementCounter(webUrl.toString());
  const port = 3900 + (process.pid % 90);
  const server: ChildProcess = spawn(path.join(ROOT, "node_modules/.bin", bin), bin === "next" ? [...args, "-p", String(port)] : args, {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: counter.url,
      NEXT_DIST_DIR: ".next-bench",
      NODE_ENV: "production",
      PORT: String(port),
      LISTEN_HOST: "127.0.0.1",
      AUTH_SECRET: "bench-secret-0123456789abcdef",
      PUBLIC_RATE_LIMIT_PER_MINUTE: "0",
      LOG_LEVEL: "warn",
    },
  });
  // Counts the web server's failed attempts to reach Postgres (logged by the app) while its role is locked.
  let refused = 0;
  const watch = (chunk: Buffer) => {
    refused += (chunk.toString().match(/not permitted to log in|terminating connection due to administrator/g) ?? []).length;
  };
  server.stdout?.on("data", watch);
  server.stderr?.on("data", watch);
  const web: Web = { base: `http://127.0.0.1:${port}`, pid: server.pid!, counter, refused: () => refused };
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(`${web.base}/status/${m.slug}`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) throw new Error(`${bin} ${args.join(" ")} did not come up`);
      await sleep(300);
    }
    const pagePath = `/status/${m.slug}`;
    const samples = { identity: await rawGet(web.base + pagePath, {}), gzip: await rawGet(web.base + pagePath, GZIP) };
    const perBuild = DB_UP ? await statementsPerBuild(m, web) : null;
    const run = (p: string, connections = 100, headers: Record<string, string> = {}) => measureRun(p, connections, m, web, perBuild, headers);
    const runs: Record<string, Run> = { page: await run(pagePath) };
    if (full) {
      runs.pageGzip = await run(pagePath, 100, GZIP);
      runs.page10 = await run(pagePath, 10);
      runs.feed = await run(`${pagePath}/feed.json`);
    }
    return {
      server: `${bin} ${args.join(" ")} (.next-bench)`,
      runs: runs as { page: Run } & Record<string, Run>,
      samples,
      perBuild,
      counted: { ...counter.counts },
    };
  } finally {
    server.kill("SIGTERM");
    if (server.exitCode === null && server.signalCode === null) await new Promise((r) => server.once("exit", r));
    await counter.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
