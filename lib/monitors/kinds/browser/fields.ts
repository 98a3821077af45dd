import { z } from "zod";
import { checkFields, MonitorUrl } from "../../schema";

/** The fields of a browser monitor stored in monitors.settings (the URL has its column, like http's). */
export type BrowserSettings = { waitForSelector: string | null; waitForText: string | null };

export const MIN_BROWSER_INTERVAL_SECONDS = 60;
export const MAX_BROWSER_TIMEOUT_SECONDS = 120;
export const DEFAULT_BROWSER_TIMEOUT_SECONDS = 30;

const oneLine = (label: string) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(500, `${label} must be at most 500 characters`)
    .refine((s) => !/[\r\n\0]/.test(s), `${label} must be on one line`)
    .nullable();

export const browserOwnFields = {
  url: MonitorUrl,
  // A CSS selector, run as CSS only (never an XPath or script engine): declarative, no user code.
  waitForSelector: oneLine("Selector"),
  waitForText: oneLine("Text"),
  intervalSeconds: checkFields.intervalSeconds.refine(
    (s) => s >= MIN_BROWSER_INTERVAL_SECONDS,
    `Browser checks run at most once a minute: interval must be at least ${MIN_BROWSER_INTERVAL_SECONDS} seconds`,
  ),
  timeoutSeconds: checkFields.timeoutSeconds.refine(
    (s) => s <= MAX_BROWSER_TIMEOUT_SECONDS,
    `Timeout must be at most ${MAX_BROWSER_TIMEOUT_SECONDS} seconds for a browser check`,
  ),
};

export const BROWSER_LABELS: Record<string, string> = { url: "URL", waitForSelector: "Wait for selector", waitForText: "Wait for text" };

const emptyToNull = (s: string | null | undefined) => (s === undefined || s === null || s.trim() === "" ? null : s.trim());

export const settingsOf = (row: { settings: unknown }): BrowserSettings => {
  const s = (row.settings ?? {}) as Record<string, unknown>;
  return {
    waitForSelector: typeof s.waitForSelector === "string" ? s.waitForSelector : null,
    waitForText: typeof s.waitForText === "string" ? s.waitForText : null,
  };
};

export { emptyToNull };
