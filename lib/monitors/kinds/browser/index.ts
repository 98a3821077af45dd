import { z } from "zod";
import type { Monitor } from "../../../db/schema";
import type { CheckRunResult } from "../../../results/types";
import { CHECK_LABELS, checkFields, commonCreateFields } from "../../schema";
import {
  checkColumns,
  checkCreateFields,
  checkForm,
  checkFromRow,
  commonFailureSummary,
  finishCheckFields,
  type CheckFormValues,
  type CheckValues,
} from "../check-fields";
import { str } from "../form-codec";
import type { CommonValues, MonitorKind } from "../types";
import { BROWSER_LABELS, browserOwnFields, DEFAULT_BROWSER_TIMEOUT_SECONDS, emptyToNull, settingsOf, type BrowserSettings } from "./fields";
import { browserMeta } from "./meta";
import { browserCheckRunner } from "./runner";

export type BrowserValues = CommonValues & CheckValues & BrowserSettings & { type: "browser"; url: string };
export type BrowserFormValues = CheckFormValues & { url: string; waitForSelector: string; waitForText: string };

const CreateBrowserMonitorInput = z.strictObject({
  type: z.literal("browser"),
  ...commonCreateFields,
  ...checkCreateFields,
  url: browserOwnFields.url,
  waitForSelector: browserOwnFields.waitForSelector.optional(),
  waitForText: browserOwnFields.waitForText.optional(),
  intervalSeconds: browserOwnFields.intervalSeconds.default(300),
  timeoutSeconds: browserOwnFields.timeoutSeconds.optional(),
});

export function browserFailureSummary(r: CheckRunResult, m: Pick<Monitor, "timeoutSeconds">): string | null {
  if (r.ok) return null;
  const common = commonFailureSummary(r.errorClass, m.timeoutSeconds);
  if (common) return common;
  if (r.errorClass === "status" && r.statusCode) return `HTTP ${r.statusCode}`;
  return r.error?.slice(0, 120) || "Page check failed";
}

export const browserKind: MonitorKind<BrowserValues> = {
  ...browserMeta,
  checked: true,
  lane: "browser",
  // The page's navigation timing (lib/checks/browser-check.ts); DOMContentLoaded, load and LCP stay in the result's detail.
  timings: ["dns", "connect", "tls", "ttfb"],
  // A PATCH is first read against every kind's fields by name, so the shared names keep the shared
  // schemas here; the browser's stricter interval and timeout are enforced by its create schema, which
  // re-validates the merged monitor.
  fields: { ...checkFields, url: browserOwnFields.url, waitForSelector: browserOwnFields.waitForSelector, waitForText: browserOwnFields.waitForText },
  labels: { ...CHECK_LABELS, ...BROWSER_LABELS },
  create: CreateBrowserMonitorInput,
  finish(parsed) {
    const p = parsed as z.output<typeof CreateBrowserMonitorInput>;
    // A page takes longer than a request: 30 s by default, always shorter than the interval.
    const v = finishCheckFields({ ...p, timeoutSeconds: p.timeoutSeconds ?? Math.min(DEFAULT_BROWSER_TIMEOUT_SECONDS, p.intervalSeconds - 1) });
    return { ...v, waitForSelector: emptyToNull(v.waitForSelector), waitForText: emptyToNull(v.waitForText) } as BrowserValues;
  },
  columns: (v) => ({ url: v.url, settings: { waitForSelector: v.waitForSelector, waitForText: v.waitForText } satisfies BrowserSettings, ...checkColumns(v) }),
  input: (row) => ({ url: row.url ?? "", ...settingsOf(row), ...checkFromRow(row) }),
  api: (row) => ({ url: row.url, ...settingsOf(row), ...checkFromRow(row) }),
  form: {
    defaults: { waitForSelector: "", waitForText: "" },
    read: (fd) => ({ ...checkForm.read(fd), url: str(fd, "url"), waitForSelector: str(fd, "waitForSelector"), waitForText: str(fd, "waitForText") }),
    input: (bag) => {
      const v = bag as BrowserFormValues;
      return {
        url: v.url,
        waitForSelector: v.waitForSelector === "" ? null : v.waitForSelector,
        waitForText: v.waitForText === "" ? null : v.waitForText,
        ...checkForm.input(v),
      };
    },
    fromRow: (m) => {
      const s = settingsOf(m);
      return { ...checkForm.fromRow(m), url: m.url ?? "", waitForSelector: s.waitForSelector ?? "", waitForText: s.waitForText ?? "" };
    },
  },
  runner: (opts) => browserCheckRunner(opts),
  summary: browserFailureSummary,
  target: (row) => `Browser ${row.url ?? ""}`,
};
