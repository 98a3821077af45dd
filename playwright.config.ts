import { defineConfig, devices } from "@playwright/test";

// Ports are fixed here, in the main process, and inherited by the test workers through the environment.
process.env.E2E_PORT ??= String(3300 + (process.pid % 500));
process.env.E2E_MAIL_SMTP_PORT ??= String(Number(process.env.E2E_PORT) + 1000);
process.env.E2E_MAIL_HTTP_PORT ??= String(Number(process.env.E2E_PORT) + 2000);
process.env.E2E_BASE_URL ??= `http://127.0.0.1:${process.env.E2E_PORT}`;
process.env.E2E_MAIL_URL ??= `http://127.0.0.1:${process.env.E2E_MAIL_HTTP_PORT}`;

export default defineConfig({
  testDir: "e2e",
  testMatch: /.*\.spec\.ts$/,
  globalSetup: "./e2e/global-setup.ts",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: process.env.E2E_BASE_URL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      // Debian's Chromium (installed by `npm test`); Playwright's own browser download does not work here.
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
});
