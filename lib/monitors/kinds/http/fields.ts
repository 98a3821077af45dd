import { z } from "zod";
import { Assertions, type Assertion } from "../../../checks/assertion-schema";
import { HTTP_METHODS, KEYWORD_MODES } from "../../../db/schema/enums";
import { normalizeExpectedStatus } from "../../expected-status";
import { bool, checkFields, commonCreateFields, ExpectedStatus, MAX_BODY_BYTES, MonitorHeaders, MonitorUrl, nullableText } from "../../schema";
import { checkCreateFields, finishCheckFields, type CheckValues } from "../check-fields";
import type { CommonValues } from "../types";

/** HTTP's own fields, without defaults (a PATCH may send each). http keeps its own columns (see docs/architecture.md). */
export const httpOwnFields = {
  url: MonitorUrl,
  method: z.enum(HTTP_METHODS, { error: `Method must be one of ${HTTP_METHODS.join(", ")}` }),
  headers: MonitorHeaders,
  body: nullableText("Body", MAX_BODY_BYTES, "64 KiB"),
  expectedStatus: ExpectedStatus,
  keyword: nullableText("Keyword", 1024, "1 KiB"),
  keywordMode: z.enum(KEYWORD_MODES, { error: 'Keyword mode must be "present" or "absent"' }),
  followRedirects: bool("Follow redirects"),
  allowHttpDowngrade: bool("Allow redirects from https to http"),
  verifyTls: bool("Verify TLS"),
  // Response assertions (lib/checks/assertion-schema.ts), stored in monitors.settings.
  assertions: Assertions,
};

export const httpFields = { ...httpOwnFields, ...checkFields };

export const HTTP_LABELS: Record<string, string> = {
  url: "URL",
  method: "Method",
  headers: "Headers",
  body: "Body",
  expectedStatus: "Expected status",
  keyword: "Keyword",
  keywordMode: "Keyword mode",
  followRedirects: "Follow redirects",
  allowHttpDowngrade: "Allow redirects from https to http",
  verifyTls: "Verify TLS",
  assertions: "Assertions",
};

export const CreateHttpMonitorInput = z.strictObject({
  type: z.literal("http"),
  ...commonCreateFields,
  url: httpOwnFields.url,
  method: httpOwnFields.method.default("GET"),
  headers: httpOwnFields.headers.default({}),
  body: httpOwnFields.body.optional(),
  expectedStatus: httpOwnFields.expectedStatus.default("200-299"),
  keyword: httpOwnFields.keyword.optional(),
  keywordMode: httpOwnFields.keywordMode.default("present"),
  followRedirects: httpOwnFields.followRedirects.default(true),
  allowHttpDowngrade: httpOwnFields.allowHttpDowngrade.default(false),
  verifyTls: httpOwnFields.verifyTls.default(true),
  assertions: httpOwnFields.assertions.default([]),
  ...checkCreateFields,
});

export type HttpValues = CommonValues &
  CheckValues & {
    type: "http";
    url: string;
    method: (typeof HTTP_METHODS)[number];
    headers: Record<string, string>;
    body: string | null;
    expectedStatus: string;
    keyword: string | null;
    keywordMode: (typeof KEYWORD_MODES)[number];
    followRedirects: boolean;
    allowHttpDowngrade: boolean;
    verifyTls: boolean;
    assertions: Assertion[];
  };

/** The stored assertions (validated on the way in; a row from before assertions has none). */
export const assertionsOf = (row: { settings: unknown }): Assertion[] => {
  const list = (row.settings as { assertions?: unknown } | null)?.assertions;
  return Array.isArray(list) ? (list as Assertion[]) : [];
};

const emptyToNull = (s: string | null | undefined) => (s === undefined || s === null || s === "" ? null : s);

export function finishHttp(parsed: unknown): HttpValues {
  const v = finishCheckFields(parsed as z.output<typeof CreateHttpMonitorInput>);
  return {
    ...v,
    body: emptyToNull(v.body),
    keyword: emptyToNull(v.keyword),
    expectedStatus: normalizeExpectedStatus(v.expectedStatus) ?? v.expectedStatus,
  };
}
