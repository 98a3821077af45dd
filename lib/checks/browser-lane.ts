import fs from "node:fs";

export type BrowserLaneVerdict = { runs: true } | { runs: false; problem: string | null };

/**
 * Whether this worker runs the browser lane: asked to (WORKER_BROWSER=true) and Chromium is where
 * CHROMIUM_PATH says. Asked to without Chromium, it doesn't take browser jobs it could only fail, and
 * says so (`problem`), so the admin page's "no worker runs them" warning shows instead of failed jobs.
 */
export function browserLane(opts: { enabled: boolean; chromiumPath: string }): BrowserLaneVerdict {
  if (!opts.enabled) return { runs: false, problem: null };
  if (fs.existsSync(opts.chromiumPath)) return { runs: true };
  return { runs: false, problem: `WORKER_BROWSER=true but there is no Chromium at ${opts.chromiumPath} (CHROMIUM_PATH): this worker runs no browser checks` };
}
