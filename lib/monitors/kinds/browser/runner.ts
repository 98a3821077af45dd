import { defaultUserAgent } from "../../../checks/http-check";
import { VERSION } from "../../../version";
import type { CheckRunner } from "../../../results/types";
import type { KindRunnerOptions } from "../types";
import { settingsOf } from "./fields";

/**
 * The browser kind's runner: one Chromium per worker process (the shared pool), the monitor's URL,
 * selector and text, the private-address guard's allowance. The failure's screenshot rides on the
 * result for the job to store; timings and console errors go in its detail.
 */
export function browserCheckRunner(opts: KindRunnerOptions): CheckRunner {
  return async (m, region) => {
    // Loaded on the first browser check: the web app validates browser monitors but never loads Playwright.
    const [{ runBrowserCheck }, { sharedBrowserPool }] = await Promise.all([import("../../../checks/browser-check"), import("../../../checks/browser-pool")]);
    const s = settingsOf(m);
    const r = await runBrowserCheck(
      {
        url: m.url ?? "",
        waitForSelector: s.waitForSelector,
        waitForText: s.waitForText,
        timeoutMs: m.timeoutSeconds * 1000,
        allowPrivate: opts.allowPrivate,
        allowHosts: opts.allowHosts,
        userAgent: defaultUserAgent(VERSION, region, opts.appUrl),
      },
      { pool: sharedBrowserPool() },
    );
    const { browser, screenshot, ...result } = r;
    return { ...result, detail: { browser }, screenshot };
  };
}
