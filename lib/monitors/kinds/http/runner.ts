import { defaultUserAgent, runHttpCheck, type HttpCheckDeps } from "../../../checks/http-check";
import { env } from "../../../env";
import { VERSION } from "../../../version";
import type { CheckRunner } from "../../../results/types";
import { assertionsOf } from "./fields";

/** HTTP's check runner: the monitor's settings → lib/checks' HTTP engine. */
export function httpCheckRunner(opts: { allowPrivate?: boolean; allowHosts?: readonly string[]; appUrl?: string; deps?: HttpCheckDeps } = {}): CheckRunner {
  const allowPrivate = opts.allowPrivate ?? env.CHECKS_ALLOW_PRIVATE;
  const allowHosts = opts.allowHosts ?? env.CHECKS_ALLOW_HOSTS;
  const appUrl = opts.appUrl ?? env.APP_URL;
  const agents = new Map<string, string>();
  return (m, region) => {
    let userAgent = agents.get(region);
    if (!userAgent) agents.set(region, (userAgent = defaultUserAgent(VERSION, region, appUrl)));
    return runHttpCheck(
      {
        url: m.url ?? "",
        method: m.method,
        headers: m.headers ?? {},
        body: m.body,
        timeoutMs: m.timeoutSeconds * 1000,
        followRedirects: m.followRedirects,
        allowHttpDowngrade: m.allowHttpDowngrade,
        verifyTls: m.verifyTls,
        expectedStatus: m.expectedStatus,
        keyword: m.keyword,
        keywordMode: m.keywordMode,
        assertions: assertionsOf(m),
        allowPrivate,
        allowHosts,
        userAgent,
      },
      opts.deps,
    );
  };
}
