import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import { expect, type Page } from "@playwright/test";

const exec = promisify(execFile);

export const adminCredentials = { email: "admin@vigil.test", password: "e2e-admin-password" };

export function uniqueEmail(label = "user"): string {
  return `${label}-${randomBytes(4).toString("hex")}@example.test`;
}

/** Runs the operator CLI against the e2e database; returns the last line of stdout. */
export async function adminCli(...args: string[]): Promise<string> {
  const { stdout } = await exec("node_modules/.bin/tsx", ["scripts/admin.ts", ...args], { env: process.env, timeout: 60_000 });
  const lines = stdout.trim().split("\n");
  return lines[lines.length - 1].trim();
}

export async function createUser(opts: { admin?: boolean } = {}): Promise<{ email: string; password: string }> {
  const email = uniqueEmail(opts.admin ? "admin" : "user");
  const password = `pw-${randomBytes(6).toString("hex")}`;
  await adminCli("create-user", "--email", email, "--password", password, ...(opts.admin ? ["--admin"] : []));
  return { email, password };
}

export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: /sign in/i }).click();
  await expect(page).toHaveURL(/\/monitors/);
}

export type SinkMessage = { id: number; from: string; to: string[]; subject: string; date: string; text: string; html: string | null };

/** Waits for the newest email to an address in the mail sink the e2e stack runs. */
export async function waitForMail(to: string, match: (m: SinkMessage) => boolean = () => true, timeoutMs = 20_000): Promise<SinkMessage> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const res = await fetch(`${process.env.E2E_MAIL_URL}/api/messages`);
    const messages = (await res.json()) as SinkMessage[];
    const found = messages.find((m) => m.to.includes(to.toLowerCase()) && match(m));
    if (found) return found;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no mail to ${to} within ${timeoutMs} ms`);
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `e2e/screenshots/${name}.png`, fullPage: true });
}

/** The same page in the dark theme (prefers-color-scheme), then back to light. */
export async function darkScreenshot(page: Page, name: string): Promise<void> {
  await page.emulateMedia({ colorScheme: "dark" });
  // Buttons have colour transitions: let them finish so the shot shows the real dark theme.
  await page.waitForTimeout(400);
  await screenshot(page, name);
  await page.emulateMedia({ colorScheme: "light" });
}
