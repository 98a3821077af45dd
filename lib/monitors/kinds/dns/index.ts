import { z } from "zod";
import { DNS_RECORD_TYPES, parseResolver, runDnsCheck, type DnsRecordType } from "../../../checks/dns-check";
import type { Monitor } from "../../../db/schema";
import { ValidationError } from "../../../errors";
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
import { lines, str } from "../form-codec";
import { HostField, privateTargetProblem } from "../target";
import type { CommonValues, MonitorKind } from "../types";
import { dnsMeta } from "./meta";

/** Stored in monitors.settings. */
type DnsSettings = { hostname: string; recordType: DnsRecordType; resolver: string | null; expectedValues: string[] };
export type DnsValues = CommonValues & CheckValues & DnsSettings & { type: "dns" };
export type DnsFormValues = CheckFormValues & { hostname: string; recordType: string; resolver: string; expectedValues: string };

const own = {
  hostname: HostField("Hostname"),
  recordType: z.enum(DNS_RECORD_TYPES, { error: `Record type must be one of ${DNS_RECORD_TYPES.join(", ")}` }),
  resolver: z
    .string({ error: 'Resolver must be an IP address like "1.1.1.1" or "1.1.1.1:53", or null' })
    .trim()
    .max(60, "Resolver is too long")
    .refine(
      (v) => v === "" || parseResolver(v) !== null,
      'Resolver must be an IP address like "1.1.1.1" or "[2606:4700::1111]:53" (a name can\'t be used: it would need a resolver itself)',
    )
    .transform((v) => (v === "" ? null : v))
    .nullable(),
  expectedValues: z
    .array(
      z
        .string({ error: "Expected values must be text" })
        .trim()
        .min(1, "An expected value can't be empty")
        .max(300, "Each expected value must be at most 300 characters"),
      {
        error: "Expected values must be a list of text",
      },
    )
    .max(20, "Use at most 20 expected values"),
};

const CreateDnsMonitorInput = z.strictObject({
  type: z.literal("dns"),
  ...commonCreateFields,
  hostname: own.hostname,
  recordType: own.recordType.default("A"),
  resolver: own.resolver.default(null),
  expectedValues: own.expectedValues.default([]),
  ...checkCreateFields,
});

const settings = (row: Monitor): DnsSettings => ({
  hostname: String(row.settings.hostname ?? ""),
  recordType: (row.settings.recordType as DnsRecordType) ?? "A",
  resolver: (row.settings.resolver as string | null) ?? null,
  expectedValues: (row.settings.expectedValues as string[]) ?? [],
});

export const dnsKind: MonitorKind<DnsValues> = {
  ...dnsMeta,
  checked: true,
  // One query is the whole check: its time is the response time charted above, nothing to break down.
  timings: [],
  fields: { ...own, ...checkFields },
  labels: { hostname: "Hostname", recordType: "Record type", resolver: "Resolver", expectedValues: "Expected values", ...CHECK_LABELS },
  create: CreateDnsMonitorInput,
  finish(parsed) {
    const v = finishCheckFields(parsed as z.output<typeof CreateDnsMonitorInput>);
    const resolver = v.resolver ? parseResolver(v.resolver) : null;
    const problem = resolver && privateTargetProblem(resolver.ip, resolver.port);
    if (problem) throw new ValidationError("Some fields are invalid", { resolver: problem });
    return { ...v, resolver: v.resolver ?? null };
  },
  columns: (v) => ({
    settings: { hostname: v.hostname, recordType: v.recordType, resolver: v.resolver, expectedValues: v.expectedValues } satisfies DnsSettings,
    ...checkColumns(v),
  }),
  input: (row) => ({ ...settings(row), ...checkFromRow(row) }),
  api: (row) => ({ ...settings(row), ...checkFromRow(row) }),
  form: {
    defaults: { hostname: "", recordType: "A", resolver: "", expectedValues: "" },
    read: (fd) => ({
      ...checkForm.read(fd),
      hostname: str(fd, "hostname"),
      recordType: str(fd, "recordType") || "A",
      resolver: str(fd, "resolver"),
      expectedValues: str(fd, "expectedValues"),
    }),
    input: (bag) => {
      const v = bag as DnsFormValues;
      return {
        hostname: v.hostname,
        recordType: v.recordType,
        resolver: v.resolver.trim() === "" ? null : v.resolver,
        expectedValues: lines(v.expectedValues),
        ...checkForm.input(v),
      };
    },
    fromRow: (m) => {
      const s = settings(m);
      return {
        ...checkForm.fromRow(m),
        hostname: s.hostname,
        recordType: s.recordType,
        resolver: s.resolver ?? "",
        expectedValues: s.expectedValues.join("\n"),
      };
    },
  },
  runner: (opts) => (m) => {
    const s = settings(m);
    return runDnsCheck({ ...s, timeoutMs: m.timeoutSeconds * 1000, allowPrivate: opts.allowPrivate, allowHosts: opts.allowHosts });
  },
  summary: (r, m) => {
    if (r.ok) return null;
    const common = commonFailureSummary(r.errorClass, m.timeoutSeconds);
    if (common) return common;
    const rcode = (r.detail as { rcode?: string } | null | undefined)?.rcode;
    if (r.errorClass === "assertion") return r.error?.replace(/ not among the answers.*$/, " missing").slice(0, 120) ?? "Expected value missing";
    return rcode ? `DNS ${rcode}` : r.error?.slice(0, 120) || "DNS check failed";
  },
  target: (row) => {
    const s = settings(row);
    return `${s.recordType} ${s.hostname}${s.resolver ? ` @${s.resolver}` : ""}`;
  },
};
