/**
 * `npm run bench:checks` — prints JSON:
 *  - throughput: checks/s completed AND persisted by one worker process (checks module) against a local
 *    keep-alive HTTP target;
 *  - lag: schedule lag (check start − planned slot) p50/p99 with 10,000 monitors (intervals 30/60/300 s)
 *    run by one worker process (scheduler + checks), plus that worker's CPU and RSS;
 *  - spread: per-second start load max/mean for those 10,000 monitors over one 300 s window, our phases
 *    against the same set aligned to the interval (computed), and as measured during the lag run.
 * With --slot-index-ab: throughput twice in one run, with and without the unique index that stores each
 * slot once (check_results_slot_once), and their ratio.
 * With --kinds: throughput per monitor kind in one run (http, tcp, dns against local targets: a keep-alive
 * HTTP server, a TCP listener, a UDP DNS responder): checks/s and the worker's CPU ms per check, the median of
 * --rounds=3 rounds (each kind once per round, order rotated).
 * Uses a database and Redis prefix of its own, dropped at the end. Takes about 2½ minutes.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "..");
const REGION = "bench";
const THROUGHPUT_MONITORS = 2_000;
const THROUGHPUT_JOBS = 60_000;
const THROUGHPUT_MAX_S = 35;
const LAG_MONITORS = 10_000;
const LAG_RUN_S = 70;
const INTERVALS = [30, 60, 300];

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1];
const ONLY = arg("only"); // "throughput" | "lag"
const CONCURRENCY = Number(arg("concurrency") ?? 400);
// --slot-index-ab: throughput with the check_results_slot_once index, then again without it (throughput only).
const SLOT_INDEX_AB = process.argv.includes("--slot-index-ab");
const KINDS = process.argv.includes("--kinds");
const KIND_JOBS = Number(arg("jobs") ?? 20_000);
const KIND_ROUNDS = Number(arg("rounds") ?? 3);
// --profile=<dir>: each worker child writes a V8 CPU profile there (open it in Chrome's DevTools).
const PROFILE_DIR = arg("profile");
if (arg("runner")) process.env.BENCH_RUNNER = arg("runner");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function childMode(mode: string) {
  const { createChecksModule } = await import("../worker/modules/checks");
  const { createSchedulerModule } = await import("../worker/modules/scheduler");
  const { db } = await import("../lib/db/client");
  const { env } = await import("../lib/env");
  const { log } = await import("../lib/log");
  const { ioredis } = await import("../lib/redis/client");
  const { createQueueConnection } = await import("../lib/queue/connection");
  const ctx = {
    instanceId: `bench-${process.pid}`,
    region: env.WORKER_REGION,
    concurrency: env.WORKER_CONCURRENCY,
    db,
    connection: createQueueConnection,
    redis: ioredis(),
    log,
  };
  // BENCH_RUNNER=noop replaces the HTTP engine by an instant success: measures queue + writer alone.
  const noop = process.env.BENCH_RUNNER === "noop";
  const runCheck = noop
    ? async () => ({
        ok: true,
        startedAt: new Date(),
        statusCode: 200,
        latencyMs: 1,
        timings: { dnsMs: null, connectMs: null, tlsMs: null, ttfbMs: null, totalMs: 1 },
        errorClass: null,
        error: null,
        tlsExpiresAt: null,
      })
    : undefined;
  const started = [await createChecksModule({ runCheck }).start(ctx)];
  if (mode === "fleet") started.push(await createSchedulerModule().start(ctx));
  process.send?.("ready");
  process.on("SIGTERM", async () => {
    for (const s of started.reverse()) await s.close().catch(() => {});
    process.exit(0);
  });
}

/** utime+stime (s) and RSS (bytes) of a process, from /proc. */
function procSample(pid: number): { cpuS: number; rss: number } {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
  const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const rss = Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) * 1024;
  return { cpuS: (Number(f[11]) + Number(f[12])) / 100, rss };
}

function startChild(mode: string, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [...(PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : []), "--import", "tsx", "scripts/bench-checks.ts", `--child=${mode}`],
    {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    },
  );
  return new Promise((resolve, reject) => {
    child.once("message", () => resolve(child));
    child.once("exit", (code) => reject(new Error(`bench worker exited with ${code}`)));
  });
}

async function stopChild(child: ChildProcess) {
  const exited = new Promise((r) => child.once("exit", r));
  child.kill("SIGTERM");
  await Promise.race([exited, sleep(15_000).then(() => child.kill("SIGKILL"))]);
}

function perSecond(starts: number[]): { max: number; mean: number; ratio: number } {
  if (starts.length === 0) return { max: 0, mean: 0, ratio: 0 };
  const t0 = Math.min(...starts);
  const bins = new Map<number, number>();
  for (const s of starts) bins.set(Math.floor((s - t0) / 1000), (bins.get(Math.floor((s - t0) / 1000)) ?? 0) + 1);
  const n = Math.max(...bins.keys()) + 1;
  const counts = Array.from({ length: n }, (_, i) => bins.get(i) ?? 0);
  const mean = counts.reduce((a, b) => a + b, 0) / n;
  const max = Math.max(...counts);
  return { max, mean: Math.round(mean * 10) / 10, ratio: Math.round((max / mean) * 1000) / 1000 };
}

async function main() {
  const { createTestEnv, destroyTestEnv } = await import("../tests/test-env");
  const testEnv = await createTestEnv("bench");
  process.env.DATABASE_URL = testEnv.databaseUrl;
  process.env.REDIS_PREFIX = testEnv.redisPrefix;
  const { sql } = await import("drizzle-orm");
  const { db, closeDb } = await import("../lib/db/client");
  const { monitors, workspaces } = await import("../lib/db/schema");
  const { CheckQueues } = await import("../lib/queue/check-queues");
  const { closeRedis } = await import("../lib/redis/client");
  const { phaseMs, slotAfter, alignedSlotAtOrBefore } = await import("../lib/scheduler/slots");

  const target = http.createServer((_req, res) => res.writeHead(200, { "content-type": "text/plain", "content-length": "2" }).end("ok"));
  target.keepAliveTimeout = 60_000;
  await new Promise<void>((r) => target.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(target.address() as AddressInfo).port}/`;
  const childEnv = {
    DATABASE_URL: testEnv.databaseUrl,
    REDIS_PREFIX: testEnv.redisPrefix,
    REGIONS: REGION,
    WORKER_REGION: REGION,
    CHECKS_ALLOW_PRIVATE: "true",
    LOG_LEVEL: "warn",
  };
  const os = await import("node:os");
  // The machine is shared: the load average says how much CPU the worker could get at all.
  const out: Record<string, unknown> = {
    machine: { cpus: os.cpus().length, node: process.version, loadAverage1mAtStart: Math.round(os.loadavg()[0] * 10) / 10 },
  };
  const count = async () => Number(((await db.execute(sql`select count(*)::int as n from check_results`)) as unknown as { n: number }[])[0].n);

  try {
    const [ws] = await db.insert(workspaces).values({ name: "bench" }).returning();

    // 1. Throughput: a backlog of jobs, one worker process, count rows as they land.
    type KindRow = Partial<typeof monitors.$inferInsert> & { type: "http" | "tcp" | "dns" };
    const measureThroughput = async (kind: KindRow = { type: "http", url }, totalJobs = THROUGHPUT_JOBS) => {
      const THROUGHPUT_JOBS = totalJobs;
      const tm = await db
        .insert(monitors)
        .values(
          Array.from({ length: THROUGHPUT_MONITORS }, (_, i) => ({
            workspaceId: ws.id,
            name: `t${i}`,
            intervalSeconds: 3600,
            timeoutSeconds: 10,
            regions: [REGION],
            ...kind,
          })),
        )
        .returning({ id: monitors.id });
      const queues = new CheckQueues();
      const base = Date.now() - 3_600_000;
      const jobs = Array.from({ length: THROUGHPUT_JOBS }, (_, i) => ({
        monitorId: tm[i % tm.length].id,
        region: REGION,
        slot: base + Math.floor(i / tm.length),
        kind: "slot" as const,
      }));
      const tEnq = Date.now();
      await queues.enqueue(jobs, base);
      const enqueueMs = Date.now() - tEnq;
      const concurrency = CONCURRENCY;
      const child = await startChild("checks", { ...childEnv, WORKER_CONCURRENCY: String(concurrency) });
      const samples: { t: number; n: number; cpuS: number; rss: number }[] = [];
      const t0 = Date.now();
      while (Date.now() - t0 < THROUGHPUT_MAX_S * 1000) {
        await sleep(1000);
        samples.push({ t: Date.now(), n: await count(), ...procSample(child.pid!) });
        if (samples.at(-1)!.n >= THROUGHPUT_JOBS * 0.95) break;
      }
      await stopChild(child);
      const failedChecks = Number(((await db.execute(sql`select count(*)::int as n from check_results where not ok`)) as unknown as { n: number }[])[0].n);
      const failureReasons = (await db.execute(
        sql`select left(error, 80) as error, count(*)::int as n from check_results where not ok group by 1 order by 2 desc limit 3`,
      )) as unknown as { error: string; n: number }[];
      // Sustained: from the first second with rows to the last sample (warm-up second excluded).
      const first = samples.findIndex((s) => s.n > 0) + 1;
      const a = samples[Math.min(first, samples.length - 2)];
      const b = samples.at(-1)!;
      const result = {
        concurrency,
        jobs: THROUGHPUT_JOBS,
        enqueueJobsPerSecond: Math.round(THROUGHPUT_JOBS / (enqueueMs / 1000)),
        persisted: b.n,
        // Checks whose target failed: a benchmark of healthy targets should have none.
        failedChecks,
        ...(failedChecks ? { failureReasons } : {}),
        checksPerSecond: Math.round((b.n - a.n) / ((b.t - a.t) / 1000)),
        workerCpuPercent: Math.round(((b.cpuS - a.cpuS) / ((b.t - a.t) / 1000)) * 100),
        workerCpuMsPerCheck: Math.round(((b.cpuS - a.cpuS) * 1000 * 100) / Math.max(1, b.n - a.n)) / 100,
        workerRssMiB: Math.round(Math.max(...samples.map((s) => s.rss)) / 1024 ** 2),
      };
      console.error(`throughput: ${JSON.stringify(result)}`);
      // The backlog left over must not compete with the lag run.
      await queues.queue(REGION).obliterate({ force: true });
      await db.execute(sql`delete from monitors`);
      await queues.close();
      return result;
    };
    if (KINDS) {
      // Same worker, same machine moment, one kind after the other; each against a local target.
      const tcpTarget = (await import("node:net")).createServer((s) => s.end());
      // A deep accept queue: with Node's default (511) a burst of connects overflowed it, and each dropped SYN
      // came back a second later (kernel retransmit), so the target, not the check, set the pace (~500/s).
      await new Promise<void>((r) => tcpTarget.listen({ port: 0, host: "127.0.0.1", backlog: 4096 }, r));
      const { startDnsResponder } = await import("../tests/dns-responder");
      const dnsTarget = await startDnsResponder(new Map([["bench.vigil.test|A", [{ type: "A", value: "192.0.2.1" }]]]));
      const kinds: Record<string, KindRow> = {
        http: { type: "http", url },
        tcp: { type: "tcp", settings: { host: "127.0.0.1", port: (tcpTarget.address() as AddressInfo).port } },
        dns: {
          type: "dns",
          settings: { hostname: "bench.vigil.test", recordType: "A", resolver: `127.0.0.1:${dnsTarget.port}`, expectedValues: ["192.0.2.1"] },
        },
      };
      // Rounds, each kind once per round in a rotated order, so no kind always runs first (coldest machine)
      // or last; the figures are the medians of the rounds, the ratios those of the medians.
      type Run = Awaited<ReturnType<typeof measureThroughput>>;
      const runs: Record<string, Run[]> = { http: [], tcp: [], dns: [] };
      const names = Object.keys(kinds);
      for (let round = 0; round < KIND_ROUNDS; round++) {
        for (let i = 0; i < names.length; i++) {
          const name = names[(i + round) % names.length];
          runs[name].push(await measureThroughput(kinds[name], KIND_JOBS));
          // Every run starts from clean tables: dead rows and index entries left by earlier runs slowed the
          // later ones (TCP fell 4,782 → 3,586 → 3,480 checks/s over three rounds before this).
          await db.execute(sql`delete from check_results`);
          for (const table of ["check_results", "monitors", "monitor_region_state"]) await db.execute(sql.raw(`vacuum ${table}`));
        }
      }
      const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
      const perKind = Object.fromEntries(
        names.map((n) => [
          n,
          {
            checksPerSecond: median(runs[n].map((r) => r.checksPerSecond)),
            workerCpuMsPerCheck: median(runs[n].map((r) => r.workerCpuMsPerCheck)),
            workerCpuPercent: median(runs[n].map((r) => r.workerCpuPercent)),
            failedChecks: runs[n].reduce((sum, r) => sum + r.failedChecks, 0),
            rounds: runs[n].map((r) => r.checksPerSecond),
          },
        ]),
      );
      const cps = (k: string) => perKind[k].checksPerSecond;
      out.kinds = {
        rounds: KIND_ROUNDS,
        jobsPerRun: KIND_JOBS,
        ...perKind,
        tcpOverHttp: Math.round((cps("tcp") / cps("http")) * 100) / 100,
        dnsOverHttp: Math.round((cps("dns") / cps("http")) * 100) / 100,
        goal: "tcpOverHttp and dnsOverHttp ≥ 2",
      };
      tcpTarget.close();
      await dnsTarget.close();
      return;
    }
    if (ONLY !== "lag") {
      out.throughput = await measureThroughput();
      if (SLOT_INDEX_AB) {
        // Same run, same machine moment: what the index that stores each slot once costs the writer.
        await db.execute(sql`delete from check_results`);
        await db.execute(sql`drop index check_results_slot_once`);
        const without = await measureThroughput();
        // A-B-A, so neither side gets the warmer (or the more bloated) table.
        await db.execute(sql`delete from check_results`);
        await db.execute(sql`create unique index check_results_slot_once on check_results (monitor_id, region, scheduled_at) where scheduled_at is not null`);
        const again = await measureThroughput();
        const withIndex = [(out.throughput as { checksPerSecond: number }).checksPerSecond, again.checksPerSecond];
        const meanWith = (withIndex[0] + withIndex[1]) / 2;
        out.slotIndexAB = {
          withIndexChecksPerSecond: withIndex,
          withoutIndexChecksPerSecond: without.checksPerSecond,
          ratio: Math.round((meanWith / without.checksPerSecond) * 100) / 100,
        };
        console.error(`slot index A/B: ${JSON.stringify(out.slotIndexAB)}`);
        console.log(JSON.stringify(out, null, 2));
        return;
      }
    }
    if (ONLY === "throughput") return;

    // 2. Schedule lag and spread: 10,000 monitors, scheduler + checks in one worker process.
    const lm: { id: string; intervalSeconds: number }[] = [];
    for (let i = 0; i < LAG_MONITORS; i += 2_000) {
      const rows = Array.from({ length: Math.min(2_000, LAG_MONITORS - i) }, (_, j) => ({
        workspaceId: ws.id,
        type: "http" as const,
        name: `l${i + j}`,
        url,
        intervalSeconds: INTERVALS[(i + j) % 3],
        timeoutSeconds: 10,
        regions: [REGION],
      }));
      lm.push(...(await db.insert(monitors).values(rows).returning({ id: monitors.id, intervalSeconds: monitors.intervalSeconds })));
    }
    const fleet = await startChild("fleet", { ...childEnv, WORKER_CONCURRENCY: String(CONCURRENCY) });
    const lagStart = Date.now();
    await sleep(5_000); // the first slots after start
    const s0 = { t: Date.now(), ...procSample(fleet.pid!) };
    let rssMax = s0.rss;
    while (Date.now() - lagStart < LAG_RUN_S * 1000) {
      await sleep(2_000);
      rssMax = Math.max(rssMax, procSample(fleet.pid!).rss);
    }
    const s1 = { t: Date.now(), ...procSample(fleet.pid!) };
    await stopChild(fleet);
    const [lag] = (await db.execute(sql`
      select count(*)::int as n,
        percentile_cont(0.5) within group (order by extract(epoch from started_at - scheduled_at) * 1000) as p50,
        percentile_cont(0.99) within group (order by extract(epoch from started_at - scheduled_at) * 1000) as p99,
        max(extract(epoch from started_at - scheduled_at) * 1000) as max
      from check_results where scheduled_at is not null and started_at > ${new Date(lagStart + 5_000).toISOString()}::timestamptz`)) as unknown as {
      n: number;
      p50: number;
      p99: number;
      max: number;
    }[];
    const half = new Date(lagStart + (s1.t - lagStart) / 2).toISOString();
    const [steady] = (await db.execute(sql`
      select percentile_cont(0.5) within group (order by extract(epoch from started_at - scheduled_at) * 1000) as p50,
        percentile_cont(0.99) within group (order by extract(epoch from started_at - scheduled_at) * 1000) as p99
      from check_results where scheduled_at is not null and started_at > ${half}::timestamptz`)) as unknown as { p50: number; p99: number }[];
    const starts = (await db.execute(
      sql`select (extract(epoch from scheduled_at) * 1000)::float8 as s from check_results where scheduled_at is not null and scheduled_at > ${new Date(lagStart + 5_000).toISOString()}::timestamptz and scheduled_at < ${new Date(s1.t - 2_000).toISOString()}::timestamptz`,
    )) as unknown as { s: number }[];
    out.lag = {
      monitors: LAG_MONITORS,
      intervalsSeconds: INTERVALS,
      runSeconds: Math.round((s1.t - lagStart) / 1000),
      checks: lag.n,
      checksPerSecond: Math.round(lag.n / ((s1.t - lagStart - 5_000) / 1000)),
      p50Ms: Math.round(Number(lag.p50)),
      p99Ms: Math.round(Number(lag.p99)),
      maxMs: Math.round(Number(lag.max)),
      secondHalf: { p50Ms: Math.round(Number(steady.p50)), p99Ms: Math.round(Number(steady.p99)) },
      workerCpuPercent: Math.round(((s1.cpuS - s0.cpuS) / ((s1.t - s0.t) / 1000)) * 100),
      workerRssMiB: Math.round(rssMax / 1024 ** 2),
    };
    // Per-second load over the 300 s LCM window, computed for our phases and for aligned slots.
    const w0 = Math.ceil(Date.now() / 300_000) * 300_000;
    const window = (slot: (id: string, I: number) => number) => {
      const ss: number[] = [];
      for (const m of lm) {
        const I = m.intervalSeconds * 1000;
        for (let s = slot(m.id, I); s < w0 + 300_000; s += I) ss.push(s);
      }
      return perSecond(ss);
    };
    out.spread = {
      ours: window((id, I) => slotAfter(w0 - 1, phaseMs(id, I), I)),
      aligned: window((_id, I) => alignedSlotAtOrBefore(w0 + I - 1, I)),
      measuredDuringLagRun: perSecond(starts.map((r) => Number(r.s))),
    };
    (out.spread as Record<string, unknown>).goal = "ours.ratio ≤ 1.2";
  } finally {
    console.log(JSON.stringify(out, null, 2));
    target.close();
    target.closeAllConnections();
    await closeRedis();
    await closeDb();
    await destroyTestEnv(testEnv);
  }
}

const childArg = process.argv.find((a) => a.startsWith("--child="));
if (childArg) void childMode(childArg.slice("--child=".length));
else
  main().catch((err) => {
    console.error(err instanceof Error ? err.message.slice(0, 500) : err);
    process.exit(1);
  });
