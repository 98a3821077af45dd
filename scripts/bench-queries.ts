/**
 * npm run bench:queries [-- --http] [--build] [--iterations=100] [--keep]
 * Query latency of charts, uptime and status pages at scale, printed as JSON (not a test):
 *  - its own database (vigil_bench_queries): one monitor with 90 days of 30-second checks from two
 *    regions (≈ 518,000 rows, INSERT … SELECT generate_series), rolled up by the real rollup code;
 *    a workspace with 10,000 monitors (24 h of hourly rollups each) and a 10-monitor status page;
 *  - p50/p95 of: monitor page data per range, overview stats for a page of 50 and 100 monitors,
 *    status page DTO build (uncached) and cached read, uptime 90d;
 *  - with --http: the web server (server.ts, build in .next-bench; --build rebuilds it) and autocannon
 *    against the cached public status page and its feed, then bare `next start` on the same build for the
 *    ratio, each with the web's Postgres role locked (NOLOGIN, sessions terminated) during every measured
 *    run, so any request that needed the database would fail; plus a bare node:http server sending the
 *    same bytes, as the machine's ceiling at that moment.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import postgres from "postgres";

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
  await createStatusPage(ctx, {
    slug,
    title: "Bench status",
    monitors: [big.id, ...others].map((id, i) => ({ monitorId: id, displayName: `Service ${i + 1}`, groupName: i < 5 ? "Core" : "Edge" })),
  });
  log(`seeded 10,000 monitors and a status page in ${Math.round(performance.now() - seedStart)} ms total`);

  const result: Record<string, unknown> = {
    machine: { cpus: (await import("node:os")).cpus().length, node: process.version },
    seed: { checkRows: rows, rollupRows: rolled, seedChecksMs: Math.round(seededChecksMs), rollupMs: Math.round(rollupMs), monitors: 10_000 },
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

  if (flag("http")) result.http = await httpBench(slug, sql);
  console.log(JSON.stringify(result, null, 2));
  await closeDb();
  await closeRedis();
  if (!flag("keep")) await admin.unsafe(`drop database if exists "${DB_NAME}" with (force)`);
  await admin.end();
}

type Autocannon = (
  o: object,
) => Promise<{ requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number }>;

async function httpBench(slug: string, sql: postgres.Sql) {
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
  // cut off entirely (NOLOGIN + its sessions terminated): a request that needed the database would fail.
  const role = "vigil_bench_web";
  await sql.unsafe(`drop role if exists ${role}`).catch(() => undefined);
  await sql.unsafe(`create role ${role} login`);
  await sql.unsafe(`grant all on all tables in schema public to ${role}; grant all on all sequences in schema public to ${role}`);
  try {
    const xacts = async () => Number((await sql`select xact_commit + xact_rollback as n from pg_stat_database where datname = ${DB_NAME}`)[0].n);
    // Seeding leaves autovacuum work behind, and its transactions count in pg_stat_database too.
    await sql`vacuum analyze`;
    const idle0 = await xacts();
    await new Promise((r) => setTimeout(r, 3000));
    const idleBaseline = (await xacts()) - idle0 - 1;
    // Like with like, one after the other in this run: the product's web server, then bare `next start`.
    const webServer = await serveAndMeasure(slug, sql, role, xacts, ["tsx", ["server.ts"]], true);
    const nextStart = await serveAndMeasure(slug, sql, role, xacts, ["next", ["start"]], false);
    const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;
    // Ceiling of this machine right now (other load included): a bare node:http server sending the same bytes.
    const html = webServer.html;
    const http = await import("node:http");
    const bare = http.createServer((_q, res) => {
      res.writeHead(200, { "content-type": "text/html" });
      res.end(html);
    });
    await new Promise<void>((r) => bare.listen(0, "127.0.0.1", r));
    const bareUrl = `http://127.0.0.1:${(bare.address() as { port: number }).port}/`;
    const bareRun = await autocannon({ url: bareUrl, connections: 100, duration: 5 });
    bare.close();
    const load = (await import("node:os")).loadavg().map((l) => Math.round(l * 10) / 10);
    const bareReqPerSec = Math.round(bareRun.requests.average);
    return {
      loadAverage: load,
      idleDbTransactionsPer3s: idleBaseline,
      pageBytes: html.length,
      webServer: webServer.runs,
      nextStart: nextStart.runs,
      bareNodeSameBytesReqPerSec: bareReqPerSec,
      ratios: {
        webServerOverNextStart: round2(webServer.runs.page.reqPerSec / nextStart.runs.page.reqPerSec),
        webServerOverBareNode: round2(webServer.runs.page.reqPerSec / bareReqPerSec),
      },
    };
  } finally {
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where usename = ${role}`;
    await sql.unsafe(`drop owned by ${role}; drop role if exists ${role}`).catch(() => undefined);
  }
}

const round2 = (n: number) => Math.round(n * 100) / 100;

type Run = Awaited<ReturnType<typeof measureRun>>;

async function measureRun(url: string, connections: number, sql: postgres.Sql, role: string, xacts: () => Promise<number>, refused: () => number) {
  const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;
  await autocannon({ url, connections: 50, duration: 3 }); // warm-up
  await new Promise((r) => setTimeout(r, 1500));
  const before = await xacts();
  const refusedBefore = refused();
  await sql.unsafe(`alter role ${role} nologin`);
  await sql`select pg_terminate_backend(pid) from pg_stat_activity where usename = ${role}`;
  const r = await autocannon({ url, connections, duration: 10 });
  await sql.unsafe(`alter role ${role} login`);
  await new Promise((r) => setTimeout(r, 1500)); // pg stats are flushed about once a second
  const after = await xacts();
  // The counter includes the two stat reads themselves.
  return {
    path: new URL(url).pathname,
    connections,
    webDbAccess: "cut off during the run",
    reqPerSec: Math.round(r.requests.average),
    total: r.requests.total,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    webDbAttemptsRefused: refused() - refusedBefore,
    benchDbTransactionsAllSources: Math.max(0, after - before - 1),
  };
}

async function serveAndMeasure(slug: string, sql: postgres.Sql, role: string, xacts: () => Promise<number>, [bin, args]: [string, string[]], full: boolean) {
  const webUrl = new URL(DB_URL);
  webUrl.username = role;
  const port = 3900 + (process.pid % 90);
  const server: ChildProcess = spawn(path.join(ROOT, "node_modules/.bin", bin), bin === "next" ? [...args, "-p", String(port)] : args, {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: webUrl.toString(),
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
  const base = `http://127.0.0.1:${port}`;
  try {
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(`${base}/status/${slug}`)).ok) break;
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) throw new Error(`${bin} ${args.join(" ")} did not come up`);
      await new Promise((r) => setTimeout(r, 300));
    }
    const html = Buffer.from(await (await fetch(`${base}/status/${slug}`, { headers: { "accept-encoding": "identity" } })).text());
    const run = (p: string, connections = 100) => measureRun(`${base}${p}`, connections, sql, role, xacts, () => refused);
    const runs: Record<string, Run> = { page: await run(`/status/${slug}`) };
    if (full) {
      runs.page10 = await run(`/status/${slug}`, 10);
      runs.feed = await run(`/status/${slug}/feed.json`);
    }
    return { server: `${bin} ${args.join(" ")} (.next-bench)`, runs: runs as { page: Run } & Record<string, Run>, html };
  } finally {
    server.kill("SIGTERM");
    if (server.exitCode === null && server.signalCode === null) await new Promise((r) => server.once("exit", r));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
