#!/usr/bin/env node
// `npm run up`: installs dependencies when needed, then hands over to scripts/up.ts.
import { spawnSync } from "node:child_process";
import fs from "node:fs";

const lock = "package-lock.json";
const marker = "node_modules/.package-lock.json";
if (!fs.existsSync(marker) || fs.statSync(lock).mtimeMs > fs.statSync(marker).mtimeMs) {
  console.log("installing dependencies (npm install, pinned by package-lock.json)…");
  // Not `npm ci`: see scripts/test.mjs (the lock lacks other platforms' optional binaries).
  const r = spawnSync("npm", ["install", "--no-audit", "--no-fund"], { stdio: "inherit" });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const r = spawnSync("node_modules/.bin/tsx", ["scripts/up.ts", ...process.argv.slice(2)], { stdio: "inherit" });
process.exit(r.status ?? 0);
