/**
 * What `npm run up` runs the system with, from the operator's environment: pure apart from the two
 * local secrets it keeps under .vigil/ (git-ignored, mode 0600), so it can be tested without starting anything.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/** A random value kept in `<root>/.vigil/<name>`, made on first use. */
export function localSecret(root: string, name: string, bytes = 32): { value: string; created: boolean } {
  const file = path.join(root, ".vigil", name);
  if (fs.existsSync(file)) return { value: fs.readFileSync(file, "utf8").trim(), created: false };
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const value = randomBytes(bytes).toString("base64url");
  // "wx": two launchers starting at once must not each write their own password.
  try {
    fs.writeFileSync(file, value, { mode: 0o600, flag: "wx" });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    return { value: fs.readFileSync(file, "utf8").trim(), created: false };
  }
  return { value, created: true };
}

export type LauncherConfig = {
  env: Record<string, string>;
  port: number;
  appUrl: string;
  listenHost: string;
  sink: { smtpPort: number; httpPort: number } | undefined;
  demoPort: number;
  regions: string[];
  admin: { email: string; password: string; source: "ADMIN_PASSWORD" | "new file" | "file"; file: string };
};

export function launcherConfig(e: Record<string, string | undefined>, root: string, hasFile: (p: string) => boolean = fs.existsSync): LauncherConfig {
  const port = Number(e.PORT ?? 3000);
  const appUrl = e.APP_URL ?? `http://localhost:${port}`;
  // Loopback unless the operator says otherwise: a laptop on café Wi-Fi or a cloud VM must not serve
  // a demo install to the network. The container image sets 0.0.0.0 itself.
  const listenHost = e.LISTEN_HOST || "127.0.0.1";
  const sinkPorts = { smtpPort: Number(e.MAIL_SINK_SMTP_PORT ?? 1025), httpPort: Number(e.MAIL_SINK_HTTP_PORT ?? 1080) };
  const sink = e.SMTP_URL ? undefined : sinkPorts;
  const demoPort = Number(e.DEMO_TARGET_PORT ?? 4100);
  const regions = (e.REGIONS ?? "eu,us")
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean);
  const adminFile = path.join(root, ".vigil", "admin-password");
  const generated = e.ADMIN_PASSWORD ? null : localSecret(root, "admin-password", 18);
  const admin = {
    email: e.ADMIN_EMAIL ?? "admin@vigil.local",
    password: e.ADMIN_PASSWORD ?? generated!.value,
    source: e.ADMIN_PASSWORD ? ("ADMIN_PASSWORD" as const) : generated!.created ? ("new file" as const) : ("file" as const),
    file: adminFile,
  };
  // Checks may reach the demo target and the mail sink's web port (its demo webhook receiver) although
  // they are on loopback; nothing else private. The operator's own entries are kept.
  const allowHosts = [`127.0.0.1:${demoPort}`, `127.0.0.1:${sinkPorts.httpPort}`, ...(e.CHECKS_ALLOW_HOSTS ?? "").split(",").map((h) => h.trim())];
  const env: Record<string, string> = {
    DATABASE_URL: e.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/vigil",
    REDIS_URL: e.REDIS_URL ?? "redis://127.0.0.1:6379",
    AUTH_SECRET: e.AUTH_SECRET ?? localSecret(root, "auth-secret").value,
    APP_URL: appUrl,
    NEXTAUTH_URL: appUrl,
    LISTEN_HOST: listenHost,
    SMTP_URL: e.SMTP_URL ?? `smtp://127.0.0.1:${sinkPorts.smtpPort}`,
    REGIONS: regions.join(","),
    CHECKS_ALLOW_HOSTS: [...new Set(allowHosts.filter(Boolean))].join(","),
    ...(e.CHECKS_ALLOW_PRIVATE ? { CHECKS_ALLOW_PRIVATE: e.CHECKS_ALLOW_PRIVATE } : {}),
    // Workers run browser checks when Chromium is there (or when the operator says so either way).
    WORKER_BROWSER: e.WORKER_BROWSER ?? String(hasFile(e.CHROMIUM_PATH ?? "/usr/bin/chromium")),
    ...(e.CHROMIUM_PATH ? { CHROMIUM_PATH: e.CHROMIUM_PATH } : {}),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    DEMO_TARGET_URL: `http://127.0.0.1:${demoPort}`,
    // The demo workspace's webhook channel posts to the mail sink, which shows each delivery and checks
    // its signature with the same secret.
    ...(sink ? demoWebhookEnv(root, sink.httpPort) : {}),
  };
  return { env, port, appUrl, listenHost, sink, demoPort, regions, admin };
}

function demoWebhookEnv(root: string, sinkHttpPort: number): Record<string, string> {
  const secret = localSecret(root, "demo-webhook-secret").value;
  return { DEMO_WEBHOOK_URL: `http://127.0.0.1:${sinkHttpPort}/webhooks/demo`, DEMO_WEBHOOK_SECRET: secret, MAIL_SINK_WEBHOOK_SECRET: secret };
}

/**
 * The banner's sign-in line: the password only where it is the account's. `outcome` is what
 * scripts/seed-demo.ts reports: created, existing-admin, existing-admin-other-password, not-admin.
 */
export function signInLine(admin: LauncherConfig["admin"], outcome: string, root: string): string {
  if (outcome === "not-admin") return `${admin.email} is an existing account that is not an admin (not promoted; see the warning above)`;
  if (outcome === "existing-admin-other-password") return `${admin.email} (an existing admin: its password was set before and is unchanged)`;
  if (admin.source === "ADMIN_PASSWORD") return `${admin.email} / the password in ADMIN_PASSWORD`;
  return `${admin.email} / ${admin.password}   (kept in ${path.relative(root, admin.file)})`;
}
