#!/usr/bin/env node
// `npm test`: installs what the tests need (npm packages, Debian's Chromium), then runs every suite:
// typecheck, unit + integration (vitest, real Postgres/Redis/SMTP), e2e (Playwright in Chromium).
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";

const sh = (cmd, args, opts = {}) => spawnSync(cmd, args, { stdio: "inherit", ...opts });
const step = (title) => console.log(`\n=== ${title} ===`);

function ensureDependencies() {
  const marker = "node_modules/.package-lock.json";
  if (fs.existsSync(marker) && fs.statSync(marker).mtimeMs >= fs.statSync("package-lock.json").mtimeMs) return;
  step("installing npm dependencies");
  // `npm install`, not `npm ci`: the lock file has no entries for other platforms' optional binaries
  // (the registry here doesn't serve them), which `npm ci` rejects; install still honours the lock.
  const r = sh("npm", ["install", "--no-audit", "--no-fund"]);
  if (r.status !== 0) process.exit(r.status ?? 1);
}

function ensureChromium() {
  const path = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (fs.existsSync(path)) return;
  step("installing Debian's chromium for the e2e suite");
  const asRoot = process.getuid?.() === 0 ? [] : ["sudo"];
  const run = (args) => (asRoot.length ? sh("sudo", args) : sh(args[0], args.slice(1)));
  run(["apt-get", "update", "-qq"]);
  const r = run(["apt-get", "install", "-y", "-qq", "chromium"]);
  if (r.status !== 0 || !fs.existsSync(path)) {
    console.error(`Could not install chromium (apt-get exit ${r.status}); e2e needs ${path}.`);
    process.exit(1);
  }
}

function reachable(host, port) {
  return new Promise((resolve) => {
    const s = net.connect({ host, port, timeout: 2000 }, () => (s.destroy(), resolve(true)));
    s.on("error", () => resolve(false));
    s.on("timeout", () => (s.destroy(), resolve(false)));
  });
}

async function ensureServices() {
  const missing = [];
  if (!(await reachable("127.0.0.1", 5432))) missing.push("PostgreSQL on 127.0.0.1:5432");
  if (!(await reachable("127.0.0.1", 6379))) missing.push("Redis on 127.0.0.1:6379");
  if (missing.length) {
    console.error(`The tests talk to real services, and these are not running: ${missing.join(", ")}.`);
    process.exit(1);
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

ensureDependencies();
ensureChromium();
await ensureServices();
fs.mkdirSync(".vigil", { recursive: true });

const only = process.argv[2]; // optional: "unit" or "e2e"
const results = [];

if (!only || only === "typecheck") {
  step("typecheck");
  const r = sh("node_modules/.bin/tsc", ["--noEmit", "-p", "."]);
  results.push({ name: "typecheck", passed: r.status === 0 ? 1 : 0, failed: r.status === 0 ? 0 : 1, skipped: 0, status: r.status });
}

if (!only || only === "lint") {
  // ESLint (Next's rules, typescript-eslint, the walls between app/, lib/, worker/, components/) and the
  // formatter's check: a broken wall prints the house rule it breaks.
  step("lint and format");
  const lint = sh("node_modules/.bin/eslint", [".", "--max-warnings", "0"]);
  results.push({ name: "eslint", passed: lint.status === 0 ? 1 : 0, failed: lint.status === 0 ? 0 : 1, skipped: 0, status: lint.status });
  const format = sh("node_modules/.bin/prettier", ["--check", "--log-level", "warn", "."]);
  results.push({ name: "prettier", passed: format.status === 0 ? 1 : 0, failed: format.status === 0 ? 0 : 1, skipped: 0, status: format.status });
}

if (!only || only === "unit") {
  step("unit and integration (vitest)");
  const out = ".vigil/vitest.json";
  fs.rmSync(out, { force: true });
  const r = sh("node_modules/.bin/vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${out}`]);
  const j = readJson(out);
  results.push({
    name: "vitest",
    passed: j?.numPassedTests ?? 0,
    // Failed tests, or one failure for a suite that crashed before any test ran.
    failed: j ? j.numFailedTests || (r.status !== 0 ? 1 : 0) : 1,
    skipped: (j?.numPendingTests ?? 0) + (j?.numTodoTests ?? 0),
    status: r.status,
  });
}

if (!only || only === "e2e") {
  step("end to end (Playwright in Chromium)");
  const out = ".vigil/playwright.json";
  fs.rmSync(out, { force: true });
  const r = sh("node_modules/.bin/playwright", ["test", "--reporter=list,json"], { env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: out } });
  const s = readJson(out)?.stats;
  results.push({
    name: "playwright",
    passed: s?.expected ?? 0,
    failed: s ? s.unexpected + (s.flaky ?? 0) : 1,
    skipped: s?.skipped ?? 0,
    status: r.status,
  });
}

step("summary");
let passed = 0,
  failed = 0,
  skipped = 0;
for (const r of results) {
  console.log(`${r.name}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped (exit ${r.status})`);
  passed += r.passed;
  failed += r.failed + (r.status !== 0 && r.failed === 0 ? 1 : 0);
  skipped += r.skipped;
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed === 0 ? 0 : 1);
