import type { Monitor } from "../../../db/schema";
import { checkForm, type CheckFormValues } from "../check-fields";
import { str } from "../form-codec";
import { assertionsOf } from "./fields";

/** One assertion row as the form holds it (every part text; the schema turns numbers into numbers). */
export type AssertionRow = { source: string; property: string; op: string; value: string };

/** The editor posts parallel assertionSource / assertionProperty / assertionOp / assertionValue fields. */
function readAssertionRows(fd: FormData): AssertionRow[] {
  const sources = fd.getAll("assertionSource").map(String);
  const properties = fd.getAll("assertionProperty").map(String);
  const ops = fd.getAll("assertionOp").map(String);
  const values = fd.getAll("assertionValue").map(String);
  return sources.map((source, i) => ({ source, property: properties[i] ?? "", op: ops[i] ?? "", value: values[i] ?? "" }));
}

export type HttpFormValues = CheckFormValues & {
  url: string;
  method: string;
  headers: { name: string; value: string }[];
  body: string;
  expectedStatus: string;
  keyword: string;
  keywordMode: string;
  followRedirects: boolean;
  allowHttpDowngrade: boolean;
  verifyTls: boolean;
  assertions: AssertionRow[];
};

export const httpForm = {
  defaults: {
    ...checkForm.defaults,
    url: "",
    method: "GET",
    headers: [],
    body: "",
    expectedStatus: "200-299",
    keyword: "",
    keywordMode: "present",
    followRedirects: true,
    allowHttpDowngrade: false,
    verifyTls: true,
    assertions: [],
  } as HttpFormValues,
  read(fd: FormData): HttpFormValues {
    const names = fd.getAll("headerName").map(String);
    const values = fd.getAll("headerValue").map(String);
    return {
      ...checkForm.read(fd),
      url: str(fd, "url"),
      method: str(fd, "method") || "GET",
      headers: names.map((name, i) => ({ name, value: values[i] ?? "" })).filter((h) => h.name.trim() !== "" || h.value !== ""),
      body: str(fd, "body"),
      expectedStatus: str(fd, "expectedStatus"),
      keyword: str(fd, "keyword"),
      keywordMode: str(fd, "keywordMode") || "present",
      followRedirects: fd.get("followRedirects") === "on",
      allowHttpDowngrade: fd.get("allowHttpDowngrade") === "on",
      verifyTls: fd.get("verifyTls") === "on",
      assertions: readAssertionRows(fd),
    };
  },
  input(v: HttpFormValues): Record<string, unknown> {
    const headers: Record<string, string> = {};
    for (const h of v.headers) headers[h.name.trim()] = h.value;
    return {
      url: v.url,
      method: v.method,
      headers,
      body: v.body === "" ? null : v.body,
      expectedStatus: v.expectedStatus.trim() === "" ? undefined : v.expectedStatus,
      keyword: v.keyword === "" ? null : v.keyword,
      keywordMode: v.keywordMode,
      followRedirects: v.followRedirects,
      allowHttpDowngrade: v.allowHttpDowngrade,
      verifyTls: v.verifyTls,
      assertions: (v.assertions ?? []).map((a) => ({
        source: a.source,
        property: a.property.trim() === "" ? null : a.property,
        op: a.op,
        value: a.value === "" ? null : a.value,
      })),
      ...checkForm.input(v),
    };
  },
  fromRow(m: Monitor): HttpFormValues {
    return {
      ...checkForm.fromRow(m),
      url: m.url ?? "",
      method: m.method,
      headers: Object.entries(m.headers).map(([name, value]) => ({ name, value })),
      body: m.body ?? "",
      expectedStatus: m.expectedStatus,
      keyword: m.keyword ?? "",
      keywordMode: m.keywordMode,
      followRedirects: m.followRedirects,
      allowHttpDowngrade: m.allowHttpDowngrade,
      verifyTls: m.verifyTls,
      assertions: assertionsOf(m).map((a) => ({ source: a.source, property: a.property ?? "", op: a.op, value: a.value === null ? "" : String(a.value) })),
    };
  },
};
