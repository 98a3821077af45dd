/** The whole local system: database, web app, a worker per demo region, mail sink, demo target. */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { buildIfStale, run, startStack } from "./stack";

const ROOT = path.resolve(import.meta.dirname, "..");

function localSecret(): string {
  const file = path.join(ROOT, ".vigil", "auth-secret");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64url"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

async function main() {
  const e = process.env;
  const port = Number(e.PORT ?? 3000);
  const appUrl = e.APP_URL ?? `http://localhost:${port}`;
  const useSink = !e.SMTP_URL;
  const sink = { smtpPort: Number(e.MAIL_SINK_SMTP_PORT ?? 1025), httpPort: Number(e.MAIL_SINK_HTTP_PORT ?? 1080) };
  const demoPort = Number(e.DEMO_TARGET_PORT ?? 4100);
  const regions = (e.REGIONS ?? "eu,us").split(",").map((r) => r.trim()).filter(Boolean);
  const adminEmail = e.ADMIN_EMAIL ?? "admin@vigil.local";
  const adminPassword = e.ADMIN_PASSWORD ?? "vigil-admin";
  const env: Record<string, string> = {
    DATABASE_URL: e.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/vigil",
    REDIS_URL: e.REDIS_URL ?? "redis://127.0.0.1:6379",
    AUTH_SECRET: e.AUTH_SECRET ?? localSecret(),
    APP_URL: appUrl,
    NEXTAUTH_URL: appUrl,
    SMTP_URL: e.SMTP_URL ?? `smtp://127.0.0.1:${sink.smtpPort}`,
    REGIONS: regions.join(","),
    CHECKS_ALLOW_PRIVATE: e.CHECKS_ALLOW_PRIVATE ?? "true",
    ADMIN_EMAIL: adminEmail,
    ADMIN_PASSWORD: adminPassword,
    DEMO_TARGET_URL: `http://127.0.0.1:${demoPort}`,
  };
  const tsx = path.join(ROOT, "node_modules", ".bin", "tsx");
  console.log("migrating the database…");
  await run(tsx, ["scripts/migrate.ts"], env);
  await run(tsx, ["scripts/seed-demo.ts"], env);
  await buildIfStale(".next", env);
  const stack = await startStack({
    env,
    port,
    regions,
    distDir: ".next",
    mailSink: useSink ? sink : undefined,
    extra: [{ name: "demo-target", args: ["scripts/demo-target.ts"], env: { DEMO_TARGET_PORT: String(demoPort) } }],
    log: (l) => console.log(l),
  });
  const statusPage = await fetch(`http://127.0.0.1:${port}/status/demo`).then((r) => r.ok, () => false);
  const lines = [
    "",
    "  Vigil is up.",
    `  Web app        ${appUrl}`,
    `  Sign in as     ${adminEmail} / ${adminPassword}`,
    ...(statusPage ? [`  Status page    ${appUrl}/status/demo (public, no login)`] : []),
    useSink ? `  Mail inbox     http://localhost:${sink.httpPort}` : `  Mail           via ${env.SMTP_URL}`,
    `  Workers        ${regions.map((r) => `region ${r}`).join(", ")}`,
    `  Demo target    http://127.0.0.1:${demoPort}/ok | /flaky | /slow`,
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
