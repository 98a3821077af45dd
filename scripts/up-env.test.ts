import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { launcherConfig, signInLine } from "./up-env";

const roots: string[] = [];
const freshRoot = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "vigil-up-"));
  roots.push(dir);
  return dir;
};
afterAll(() => {
  for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
});

describe("npm run up's environment", () => {
  it("turns browser checks on when Chromium is installed, unless WORKER_BROWSER says otherwise", () => {
    const root = freshRoot();
    const seen: string[] = [];
    const has = (installed: boolean) => (p: string) => (seen.push(p), installed);
    expect(launcherConfig({}, root, has(true)).env.WORKER_BROWSER).toBe("true");
    expect(seen).toEqual(["/usr/bin/chromium"]);
    expect(launcherConfig({}, root, has(false)).env.WORKER_BROWSER).toBe("false");
    expect(launcherConfig({ WORKER_BROWSER: "false" }, root, has(true)).env.WORKER_BROWSER).toBe("false");
    const custom = launcherConfig({ CHROMIUM_PATH: "/opt/chrome/chrome" }, root, has(true));
    expect(seen.at(-1)).toBe("/opt/chrome/chrome");
    expect(custom.env.CHROMIUM_PATH).toBe("/opt/chrome/chrome");
  });

  it("listens on loopback unless LISTEN_HOST is set", () => {
    const root = freshRoot();
    expect(launcherConfig({}, root).env.LISTEN_HOST).toBe("127.0.0.1");
    expect(launcherConfig({ LISTEN_HOST: "0.0.0.0" }, root).env.LISTEN_HOST).toBe("0.0.0.0");
  });

  it("generates a random admin password once, kept beside the auth secret with mode 0600", () => {
    const root = freshRoot();
    const first = launcherConfig({}, root);
    expect(first.admin.password).not.toBe("vigil-admin");
    expect(first.admin.password.length).toBeGreaterThanOrEqual(20);
    expect(first.admin.source).toBe("new file");
    expect(first.env.ADMIN_PASSWORD).toBe(first.admin.password);
    const file = path.join(root, ".vigil", "admin-password");
    expect(fs.readFileSync(file, "utf8")).toBe(first.admin.password);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.join(root, ".vigil", "auth-secret")).mode & 0o777).toBe(0o600);

    const second = launcherConfig({}, root);
    expect(second.admin).toMatchObject({ password: first.admin.password, source: "file" });
    expect(launcherConfig({}, freshRoot()).admin.password).not.toBe(first.admin.password);
  });

  it("uses ADMIN_PASSWORD when set, without writing a password file", () => {
    const root = freshRoot();
    const cfg = launcherConfig({ ADMIN_PASSWORD: "operator's own password", ADMIN_EMAIL: "ops@example.test" }, root);
    expect(cfg.env).toMatchObject({ ADMIN_PASSWORD: "operator's own password", ADMIN_EMAIL: "ops@example.test" });
    expect(fs.existsSync(path.join(root, ".vigil", "admin-password"))).toBe(false);
    expect(signInLine(cfg.admin, "created", root)).not.toContain("operator's own password");
  });

  it("allows checks to reach the demo target and the mail sink's web port only, not every private address", () => {
    const root = freshRoot();
    const cfg = launcherConfig({}, root);
    expect(cfg.env.CHECKS_ALLOW_PRIVATE).toBeUndefined();
    expect(cfg.env.CHECKS_ALLOW_HOSTS).toBe("127.0.0.1:4100,127.0.0.1:1080");
    const custom = launcherConfig({ DEMO_TARGET_PORT: "5100", MAIL_SINK_HTTP_PORT: "5080", CHECKS_ALLOW_HOSTS: "10.0.0.7:8080" }, root);
    expect(custom.env.CHECKS_ALLOW_HOSTS).toBe("127.0.0.1:5100,127.0.0.1:5080,10.0.0.7:8080");
    expect(launcherConfig({ CHECKS_ALLOW_PRIVATE: "true" }, root).env.CHECKS_ALLOW_PRIVATE).toBe("true");
  });

  it("points the demo webhook at the mail sink with a kept secret the sink verifies, only when the sink runs", () => {
    const root = freshRoot();
    const cfg = launcherConfig({}, root);
    expect(cfg.env.DEMO_WEBHOOK_URL).toBe("http://127.0.0.1:1080/webhooks/demo");
    expect(cfg.env.DEMO_WEBHOOK_SECRET?.length).toBeGreaterThanOrEqual(32);
    expect(cfg.env.MAIL_SINK_WEBHOOK_SECRET).toBe(cfg.env.DEMO_WEBHOOK_SECRET);
    expect(launcherConfig({}, root).env.DEMO_WEBHOOK_SECRET).toBe(cfg.env.DEMO_WEBHOOK_SECRET);
    expect(launcherConfig({ SMTP_URL: "smtp://mail.example.test:25" }, root).env.DEMO_WEBHOOK_URL).toBeUndefined();
  });

  it("prints the password in the banner only when it is the account's", () => {
    const root = freshRoot();
    const { admin } = launcherConfig({}, root);
    expect(signInLine(admin, "created", root)).toContain(admin.password);
    expect(signInLine(admin, "created", root)).toContain(".vigil/admin-password");
    expect(signInLine(admin, "existing-admin", root)).toContain(admin.password);
    expect(signInLine(admin, "existing-admin-other-password", root)).not.toContain(admin.password);
    expect(signInLine(admin, "not-admin", root)).toMatch(/not an admin/);
  });
});
