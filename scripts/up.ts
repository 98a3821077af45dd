/** The whole local system: database, web app, a worker per demo region, mail sink, demo target. */
import { spawn } from "node:child_process";
import path from "node:path";
import { buildIfStale, run, startStack } from "./stack";
import { launcherConfig, signInLine } from "./up-env";

const ROOT = path.resolve(import.meta.dirname, "..");
const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");

/** Runs the demo seed, echoing its output, and returns what happened to the bootstrap admin. */
function seedDemo(env: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(tsx, ["scripts/seed-demo.ts"], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "inherit"] });
    let outcome = "unknown";
    child.stdout.on("data", (chunk: Buffer) => {
      for (const line of chunk.toString().split("\n")) {
        const m = /^admin: (\S+)/.exec(line);
        if (m) outcome = m[1];
        else if (line.trim()) console.log(line);
      }
    });
    child.on("exit", (code) => (code === 0 ? resolve(outcome) : reject(new Error(`seed-demo exited with ${code}`))));
    child.on("error", reject);
  });
}

async function main() {
  const cfg = launcherConfig(process.env, ROOT);
  const { env, port, appUrl, sink, demoPort, regions } = cfg;
  console.log("migrating the database…");
  await run(tsx, ["scripts/migrate.ts"], env);
  const adminOutcome = await seedDemo(env);
  await buildIfStale(".next", env);
  const stack = await startStack({
    env,
    port,
    regions,
    distDir: ".next",
    mailSink: sink,
    extra: [{ name: "demo-target", args: ["scripts/demo-target.ts"], env: { DEMO_TARGET_PORT: String(demoPort) } }],
    log: (l) => console.log(l),
  });
  const statusPage = await fetch(`http://127.0.0.1:${port}/status/demo`).then(
    (r) => r.ok,
    () => false,
  );
  const where = cfg.listenHost === "127.0.0.1" ? "this machine only; set LISTEN_HOST=0.0.0.0 to serve the network" : `listening on ${cfg.listenHost}`;
  const lines = [
    "",
    "  Vigil is up.",
    `  Web app        ${appUrl}   (${where})`,
    `  Sign in as     ${signInLine(cfg.admin, adminOutcome, ROOT)}`,
    ...(statusPage ? [`  Status page    ${appUrl}/status/demo (public, no login)`] : []),
    sink ? `  Mail inbox     http://localhost:${sink.httpPort}` : `  Mail           via ${env.SMTP_URL}`,
    `  Workers        ${regions.map((r) => `region ${r}`).join(", ")}`,
    `  Demo target    http://127.0.0.1:${demoPort}/ok | /flaky | /slow, TCP and DNS (udp) on port ${demoPort}`,
    "  Ctrl-C stops everything.",
    "",
  ];
  console.log(lines.join("\n"));
  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    console.log("\nstopping…");
    await stack.stop();
    process.exit(0);
  };
  process.on("SIGINT", () => void shutdown());
  process.on("SIGTERM", () => void shutdown());
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
