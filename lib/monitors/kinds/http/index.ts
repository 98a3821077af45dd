import type { Monitor } from "../../../db/schema";
import type { CheckRunResult } from "../../../results/types";
import { CHECK_LABELS } from "../../schema";
import { checkColumns, checkFromRow, commonFailureSummary } from "../check-fields";
import type { MonitorKind } from "../types";
import { assertionsOf, CreateHttpMonitorInput, finishHttp, HTTP_LABELS, httpFields, type HttpValues } from "./fields";
import { httpForm, type HttpFormValues } from "./form";
import { httpMeta } from "./meta";
import { httpCheckRunner } from "./runner";

const own = (row: Monitor) => ({
  url: row.url ?? "",
  method: row.method,
  headers: row.headers,
  body: row.body,
  expectedStatus: row.expectedStatus,
  keyword: row.keyword,
  keywordMode: row.keywordMode,
  followRedirects: row.followRedirects,
  allowHttpDowngrade: row.allowHttpDowngrade,
  verifyTls: row.verifyTls,
  assertions: assertionsOf(row),
});

/** "HTTP 503", "Timed out after 10 s", "Connection refused", the keyword's message… */
export function httpFailureSummary(r: CheckRunResult, m: Pick<Monitor, "timeoutSeconds">): string | null {
  if (r.ok) return null;
  const common = commonFailureSummary(r.errorClass, m.timeoutSeconds);
  if (common) return common;
  switch (r.errorClass) {
    case "status":
      return r.statusCode ? `HTTP ${r.statusCode}` : "Unexpected status";
    case "keyword":
      return r.error?.slice(0, 120) || "Keyword check failed";
    case "assertion":
      return r.error?.slice(0, 120) || "Assertion failed";
    case "dns":
      return "DNS lookup failed";
    case "tls":
      return "TLS error";
    default:
      if (r.statusCode && r.statusCode >= 400) return `HTTP ${r.statusCode}`;
      return r.error?.slice(0, 120) || "Check failed";
  }
}

export const httpKind: MonitorKind<HttpValues> = {
  ...httpMeta,
  checked: true,
  // TLS only over https: the chart shows it at 0 ms for a plain-http URL.
  timings: ["dns", "connect", "tls", "ttfb"],
  fields: httpFields,
  labels: { ...HTTP_LABELS, ...CHECK_LABELS },
  create: CreateHttpMonitorInput,
  finish: finishHttp,
  columns: (v) => ({
    url: v.url,
    method: v.method,
    headers: v.headers,
    body: v.body,
    expectedStatus: v.expectedStatus,
    keyword: v.keyword,
    keywordMode: v.keywordMode,
    followRedirects: v.followRedirects,
    allowHttpDowngrade: v.allowHttpDowngrade,
    verifyTls: v.verifyTls,
    settings: { assertions: v.assertions },
    ...checkColumns(v),
  }),
  input: (row) => ({ ...own(row), ...checkFromRow(row) }),
  api: (row) => ({ ...own(row), url: row.url, ...checkFromRow(row) }),
  form: {
    defaults: httpForm.defaults,
    read: httpForm.read,
    input: (v) => httpForm.input(v as HttpFormValues),
    fromRow: httpForm.fromRow,
  },
  runner: (opts) => httpCheckRunner(opts),
  summary: httpFailureSummary,
  target: (row) => `${row.method} ${row.url}`,
};
