/**
 * npm run bench:status [-- --build] [--changes=50] [--keep] [--smoke]
 * The public status page through the real web server (server.ts on the build in .next-bench; --build
 * rebuilds it), printed as JSON (not a test). Its own database (vigil_bench_status) and Redis prefix; a page
 * of 10 monitors in 2 groups with 1,000 confirmed subscribers, a posted incident with an update, a running
 * maintenance window on one monitor and one announced for tomorrow.
 *  (a) cached throughput: autocannon, 100 connections for 10 s after a warm-up, with the web server's
 *      Postgres role locked (NOLOGIN, sessions terminated) during the run, so a request that needed the
 *      database would fail; the database's transaction counter is read around it. Past the 7 s freshness
 *      bound this is the labelled outage copy's throughput; the cached page with the database up is
 *      `bench:queries -- --http --db-up`;
 *  (b) freshness: a monitor's status changes `--changes` times (openIncident / resolveIncident, the
 *      functions the fleet calls, alternating, 0.2–1.2 s apart) while a client polls the page every 100 ms;
 *      the figure is the time from the start of the change to the end of the first response showing it.
 * --smoke checks that the script works: no load run, 4 changes.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { assertPageShows, seedPageContent } from "./bench-status-kit";

const ROOT = path.resolve(import.meta.dirname, "..");
const argv = process.argv.slice(2);
const flag = (n: string) => argv.includes(`--${n}`);
const arg = (n: string, d: string) => argv.find((a) => a.startsWith(`--${n}=`))?.split("=")[1] ?? d;
const CHANGES = Number(arg("changes", flag("smoke") ? "4" : "50"));
const DB_NAME = "vigil_bench_status";
const BASE = process.env.TEST_DATABASE_BASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB_URL = Object.assign(new URL(BASE), { pathname: `/${DB_NAME}` }).toString();
const DIST = ".next-bench";
const ROLE = "vigil_bench_status_web";
const log = (m: string) => process.stderr.write(`[bench:status] ${m}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const load = () => os.loadavg().map((l) => Math.round(l * 10) / 10);

process.env.DATABASE_URL = DB_URL;
process.env.REDIS_PREFIX = `vigil-bench-status-${process.pid}`;
process.env.LOG_LEVEL ??= "warn";

type Autocannon = (
  o: object,
) => Promise<{ requests: { average: number; total: number }; latency: { p50: number; p99: number }; non2xx: number; errors: number }>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]);
};

async function main() {
  const loadAtStart = load();
  const admin = postgres(BASE, { max: 1, onnotice: () => {} });
  if (!["127.0.0.1", "localhost"].includes(new URL(BASE).hostname)) throw new Error("bench runs against a local Postgres only");
  await admin.unsafe(`drop database if exists "${DB_NAME}" with (force)`);
  await admin.unsafe(`create database "${DB_NAME}"`);
  const { migrateDatabase } = await import("../lib/db/migrate");
  await migrateDatabase(DB_URL, path.join(ROOT, "drizzle"));
  const { db, rawSql, closeDb } = await import("../lib/db/client");
  const { closeRedis } = await import("../lib/redis/client");
  const { openIncident } = await import("../lib/incidents/open-incident");
  const { resolveIncident } = await import("../lib/incidents/resolve-incident");
  const sql = rawSql();
  const seeded = await seed();
  const { slug, monitorId, workspaceId } = seeded;

  if (flag("build") || !fs.existsSync(path.join(ROOT, DIST, "BUILD_ID"))) {
    log(`building into ${DIST} …`);
    const b = spawnSync(path.join(ROOT, "node_modules/.bin/next"), ["build"], {
      cwd: ROOT,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NEXT_DIST_DIR: DIST, NODE_ENV: "production" },
    });
    if (b.status !== 0) throw new Error("next build failed");
  }
  await admin.unsafe(`drop role if exists ${ROLE}`).catch(() => undefined);
  await sql.unsafe(`create role ${ROLE} login`);
  await sql.unsafe(`grant all on all tables in schema public to ${ROLE}; grant all on all sequences in schema public to ${ROLE}`);
  const web = await startWebServer();
  const result: Record<string, unknown> = { machine: { cpus: os.cpus().length, node: process.version, loadAverageAtStart: loadAtStart }, page: seeded.page };
  try {
    const pageUrl = `${web.base}/status/${slug}`;
    const html = await (await fetch(pageUrl, { headers: { "accept-encoding": "identity" } })).text();
    result.page = { ...seeded.page, bytes: Buffer.byteLength(html), shows: assertPageShows(html, seeded.content) };
    if (!flag("smoke")) result.cached = await throughput(pageUrl, sql, () => web.refused);
    result.freshness = await freshness(
      pageUrl,
      () => openIncident(db, { workspaceId, monitorId, cause: "HTTP 503", regions: ["eu"], errorClass: "status", statusCode: 503 }),
      () => resolveIncident(db, { monitorId }),
    );
    result.loadAverageAtEnd = load();
  } finally {
    await web.stop();
    await sql`select pg_terminate_backend(pid) from pg_stat_activity where usename = ${ROLE}`;
    await sql.unsafe(`drop owned by ${ROLE}; drop role if exists ${ROLE}`).catch(() => undefined);
  }
  console.log(JSON.stringify(result, null, 2));
  await closeDb();
  await closeRedis();
  if (!flag("keep")) await admin.unsafe(`drop database if exists "${DB_NAME}" with (force)`);
  await admin.end();

  async function seed() {
    const { createUser } = await import("../lib/accounts/create-user");
    const { insertMonitor } = await import("../lib/rollups/seed");
    const { systemCtx } = await import("../lib/context");
    const { createStatusPage } = await import("../lib/status-pages/save-status-page");
    const { workspaceId } = await createUser(db, { email: "bench@vigil.test", password: "bench-password-123" });
    const ctx = systemCtx(db, workspaceId, "bench");
    const createdAt = new Date(Date.now() - 30 * 86_400_000);
    const ids: string[] = [];
    for (let i = 1; i <= 10; i++) ids.push((await insertMonitor(db, { workspaceId, name: `Service ${i}`, createdAt })).id);
    const slug = "bench";
    const page = await createStatusPage(ctx, {
      slug,
      title: "Bench",
      subscribersEnabled: true,
      monitors: ids.map((id, i) => ({ monitorId: id, displayName: `Service ${i + 1}`, groupName: i < 5 ? "Core" : "Edge" })),
    });
    const content = await seedPageContent(ctx, sql, page.id, ids);
    await sql`vacuum analyze`;
    return {
      slug,
      workspaceId,
      monitorId: ids[0],
      content,
      page: { monitors: 10, groups: 2, ...content.page },
    };
  }
}

async function throughput(url: string, sql: postgres.Sql, refused: () => number) {
  const xacts = async () => Number((await sql`select xact_commit + xact_rollback as n from pg_stat_database where datname = ${DB_NAME}`)[0].n);
  await autocannon({ url, connections: 50, duration: 3 }); // warm-up
  await sleep(1500);
  const before = await xacts();
  const refusedBefore = refused();
  await sql.unsafe(`alter role ${ROLE} nologin`);
  await sql`select pg_terminate_backend(pid) from pg_stat_activity where usename = ${ROLE}`;
  const r = await autocannon({ url, connections: 100, duration: 10 });
  await sql.unsafe(`alter role ${ROLE} login`);
  await sleep(1500); // pg stats are flushed about once a second
  const after = await xacts();
  return {
    connections: 100,
    durationSeconds: 10,
    webDbAccess: "cut off during the run",
    reqPerSec: Math.round(r.requests.average),
    total: r.requests.total,
    latencyP50Ms: r.latency.p50,
    latencyP99Ms: r.latency.p99,
    non2xx: r.non2xx,
    errors: r.errors,
    webDbAttemptsRefused: refused() - refusedBefore,
    // Every source counts (autovacuum, this script's two reads of the counter): an upper bound for the web's.
    dbTransactionsDuringRun: Math.max(0, after - before - 1),
    loadAverage: load(),
  };
}

/** A client polling every 100 ms; each change waits for the first response begun after it that shows it. */
async function freshness(url: string, open: () => Promise<unknown>, resolve: () => Promise<unknown>) {
  const overallOf = async () => /data-overall="(\w+)"/.exec(await (await fetch(url)).text())?.[1];
  // Set and cleared from promises and the poller: typed by assertion so TS does not narrow it to null.
  let waiter = null as { since: number; want: string; done: (ms: number) => void } | null;
  let polls = 0;
  let running = true;
  const poller = (async () => {
    while (running) {
      const start = performance.now();
      const overall = await overallOf().catch(() => undefined);
      polls++;
      const w = waiter;
      if (w && start >= w.since && overall === w.want) {
        waiter = null;
        w.done(performance.now() - w.since);
      }
      await sleep(Math.max(0, 100 - (performance.now() - start)));
    }
  })();
  const baseline = await overallOf();
  if (baseline !== "operational") throw new Error(`the page should start operational, not ${baseline}`);
  const times: number[] = [];
  let missed = 0;
  for (let i = 0; i < CHANGES; i++) {
    await sleep(200 + Math.random() * 1000);
    const since = performance.now();
    const shown = new Promise<number>((done) => (waiter = { since, want: i % 2 === 0 ? "partial" : "operational", done }));
    await (i % 2 === 0 ? open() : resolve());
    const ms = await Promise.race([shown, sleep(15_000).then(() => -1)]);
    if (ms >= 0) times.push(ms);
    else {
      missed++;
      waiter = null;
    }
  }
  running = false;
  await poller;
  return {
    changes: CHANGES,
    pollEveryMs: 100,
    polls,
    p50Ms: pct(times, 50),
    p95Ms: pct(times, 95),
    maxMs: pct(times, 100),
    notShownWithin15s: missed,
    goal: "p95 ≤ 2,000 ms; promise ≤ 10,000 ms",
    loadAverage: load(),
  };
}

async function startWebServer() {
  const webUrl = new URL(DB_URL);
  webUrl.username = ROLE;
  const port = 3800 + (process.pid % 90);
  const server: ChildProcess = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["server.ts"], {
    cwd: ROOT,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      DATABASE_URL: webUrl.toString(),
      NEXT_DIST_DIR: DIST,
      NODE_ENV: "production",
      PORT: String(port),
      LISTEN_HOST: "127.0.0.1",
      AUTH_SECRET: "bench-secret-0123456789abcdef",
      PUBLIC_RATE_LIMIT_PER_MINUTE: "0",
      LOG_LEVEL: "warn",
    },
  });
  const state = { base: `http://127.0.0.1:${port}`, refused: 0, stop: async () => {} };
  // Counts the web server's failed attempts to reach Postgres (logged by the app) while its role is locked.
  const watch = (chunk: Buffer) =>
    (state.refused += (chunk.toString().match(/not permitted to log in|terminating connection due to administrator/g) ?? []).length);
  server.stdout?.on("data", watch);
  server.stderr?.on("data", watch);
  state.stop = async () => {
    server.kill("SIGTERM");
    if (server.exitCode === null && server.signalCode === null) await new Promise((r) => server.once("exit", r));
  };
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`${state.base}/status/bench`)).ok) return state;
    } catch {
      /* not up yet */
    }
    if (Date.now() > deadline) {
      await state.stop();
      throw new Error("server.ts did not come up");
    }
    await sleep(300);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
