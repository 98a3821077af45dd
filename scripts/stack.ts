/**
 * Starts the whole system as child processes: mail sink, web server (server.ts: Next behind the ping
 * ingest and the status-page cache) and a worker per region.
 * Used by `npm run up` and by the Playwright setup, so both run the product the same way.
 */
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export type StackOptions = {
  env: Record<string, string>;
  port: number;
  regions: string[];
  distDir: string;
  mailSink?: { smtpPort: number; httpPort: number };
  extra?: { name: string; args: string[]; env?: Record<string, string> }[];
  quiet?: boolean;
  log?: (line: string) => void;
};

export type Stack = { stop(): Promise<void>; processes: Map<string, ChildProcess> };

const ROOT = path.resolve(import.meta.dirname, "..");
const bin = (name: string) => path.join(ROOT, "node_modules", ".bin", name);

const SOURCE_DIRS = ["app", "components", "lib"];
const SOURCE_FILES = ["next.config.ts", "package-lock.json", "postcss.config.mjs", "tsconfig.json", "instrumentation.ts"];

function newestMtime(): number {
  let newest = 0;
  const walk = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    else newest = Math.max(newest, st.mtimeMs);
  };
  for (const d of [...SOURCE_DIRS, ...SOURCE_FILES]) walk(path.join(ROOT, d));
  return newest;
}

/** Builds the web app unless the build in distDir is newer than every source file. */
export async function buildIfStale(distDir: string, env: Record<string, string>, log = console.log): Promise<void> {
  const stamp = path.join(ROOT, distDir, "BUILD_ID");
  if (fs.existsSync(stamp) && fs.statSync(stamp).mtimeMs > newestMtime()) return;
  log(`building the web app into ${distDir} (first run or sources changed)…`);
  await run(bin("next"), ["build"], { ...env, NEXT_DIST_DIR: distDir, NODE_ENV: "production" });
}

export function run(cmd: string, args: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...process.env, ...env } as NodeJS.ProcessEnv, stdio: ["ignore", "inherit", "inherit"] });
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(cmd)} ${args.join(" ")} exited with ${code}`))));
    child.on("error", reject);
  });
}

export async function waitFor(url: string, timeoutMs: number, isUp: (r: Response) => boolean = (r) => r.ok): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = "";
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (isUp(res)) return;
      last = `HTTP ${res.status}`;
    } catch (err) {
      last = (err as Error).message;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not come up within ${timeoutMs} ms (${last})`);
}

export async function startStack(opts: StackOptions): Promise<Stack> {
  const processes = new Map<string, ChildProcess>();
  const baseEnv = { ...process.env, ...opts.env } as Record<string, string>;
  const say = opts.log ?? ((l: string) => console.log(l));

  const launch = (name: string, cmd: string, args: string[], env: Record<string, string> = {}) => {
    const child = spawn(cmd, args, { cwd: ROOT, env: { ...baseEnv, ...env } as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    const prefix = `[${name}]`;
    const forward = (chunk: Buffer) => {
      if (opts.quiet) return;
      for (const line of chunk.toString().split("\n")) if (line.trim()) say(`${prefix} ${line}`);
    };
    child.stdout?.on("data", forward);
    child.stderr?.on("data", forward);
    child.on("exit", (code, signal) => {
      if (!stopping) say(`${prefix} exited (${signal ?? code})`);
    });
    processes.set(name, child);
    return child;
  };
  let stopping = false;

  if (opts.mailSink) {
    launch("mail", bin("tsx"), ["scripts/mail-sink.ts"], {
      MAIL_SINK_SMTP_PORT: String(opts.mailSink.smtpPort),
      MAIL_SINK_HTTP_PORT: String(opts.mailSink.httpPort),
    });
  }
  // Loopback unless LISTEN_HOST says otherwise: the same for the web server and the workers' metrics.
  const listenHost = baseEnv.LISTEN_HOST || "127.0.0.1";
  launch("web", bin("tsx"), ["server.ts"], { NEXT_DIST_DIR: opts.distDir, NODE_ENV: "production", PORT: String(opts.port), LISTEN_HOST: listenHost });
  // Each worker serves Prometheus /metrics on its own port (METRICS_PORT_BASE + index; 0 turns it off).
  const metricsBase = Number(baseEnv.METRICS_PORT_BASE ?? 9464);
  for (const [i, region] of opts.regions.entries()) {
    const metrics = metricsBase > 0 ? String(metricsBase + i) : "0";
    launch(`worker-${region}`, bin("tsx"), ["worker/main.ts"], {
      WORKER_REGION: region,
      NODE_ENV: "production",
      METRICS_PORT: metrics,
      LISTEN_HOST: listenHost,
    });
  }
  for (const x of opts.extra ?? []) launch(x.name, bin("tsx"), x.args, x.env ?? {});

  const stop = async () => {
    stopping = true;
    const exits = [...processes.values()].map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          const killer = setTimeout(() => c.kill("SIGKILL"), 15_000);
          c.once("exit", () => {
            clearTimeout(killer);
            resolve();
          });
          c.kill("SIGTERM");
        }),
    );
    await Promise.all(exits);
  };

  try {
    await waitFor(`http://127.0.0.1:${opts.port}/api/health`, 90_000, (r) => r.status === 200 || r.status === 503);
    if (opts.mailSink) await waitFor(`http://127.0.0.1:${opts.mailSink.httpPort}/api/messages`, 30_000);
  } catch (err) {
    await stop();
    throw err;
  }
  return { stop, processes };
}
