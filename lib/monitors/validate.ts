import type { Monitor } from "../db/schema";
import { ValidationError } from "../errors";
import { allKinds, KIND_TYPES, kindOf, kindOfRow, kindsWithField, type MonitorValues } from "./kinds/registry";
import type { MonitorKind } from "./kinds/types";
import { alertingFields, bool, COMMON_LABELS, MonitorName } from "./schema";
import { z } from "zod";

export type { MonitorValues } from "./kinds/registry";
export type { HttpValues } from "./kinds/http/fields";
export type { HeartbeatValues } from "./kinds/heartbeat";

type Issue = { code?: string; path: PropertyKey[]; message: string; keys?: string[] };

const label = (k: string, kind: MonitorKind | null) => kind?.labels[k] ?? COMMON_LABELS[k] ?? kindsWithField(k)[0]?.labels[k] ?? k;
/** "HTTP", "HTTP and TCP", "HTTP, TCP and DNS" */
function joinNouns(nouns: string[]): string {
  return nouns.length <= 1 ? (nouns[0] ?? "") : `${nouns.slice(0, -1).join(", ")} and ${nouns[nouns.length - 1]}`;
}
const typeChoices = () => joinNouns(KIND_TYPES.map((t) => `"${t}"`)).replace(/ and /, " or ");

/** zod issues → one human message per field; unknown keys each get their own message. */
function fieldsFrom(issues: Issue[], kind: MonitorKind | null): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    if (issue.code === "unrecognized_keys" && issue.keys) {
      for (const k of issue.keys) {
        const key = issue.path.length ? `${issue.path.map(String).join(".")}.${k}` : k;
        const owners = issue.path.length ? [] : kindsWithField(k).filter((o) => o !== kind);
        fields[key] ??= owners.length ? `${label(k, owners[0])} is only for ${joinNouns(owners.map((o) => o.noun))} monitors` : "Unknown field";
      }
      continue;
    }
    // A header's own key path (headers.X-Foo) is reported on "headers", which the form shows.
    const first = issue.path[0];
    const key = first === "headers" ? "headers" : issue.path.map(String).join(".") || "_";
    fields[key] ??= issue.message;
  }
  return fields;
}

function fail(fields: Record<string, string>): never {
  throw new ValidationError("Some fields are invalid", fields);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Validates a full monitor (create, or a merged PATCH); throws ValidationError with field messages. */
export function validateMonitorInput(input: unknown): MonitorValues {
  if (!isPlainObject(input)) fail({ _: "Send a JSON object describing the monitor" });
  const kind = kindOf(input.type);
  if (!kind) fail({ type: input.type === undefined ? `Type is required: ${typeChoices()}` : `Type must be ${typeChoices()}` });
  const parsed = kind.create.safeParse(input);
  if (!parsed.success) fail(fieldsFrom(parsed.error.issues as Issue[], kind));
  return kind.finish(parsed.data) as unknown as MonitorValues;
}

/** A stored monitor as create input, so a PATCH can be merged onto it and validated as a whole. */
export function monitorToInput(row: Monitor): Record<string, unknown> {
  return { type: row.type, name: row.name, muted: row.muted, remindEveryMinutes: row.remindEveryMinutes, ...kindOfRow(row).input(row) };
}

let update: z.ZodType | null = null;
/** PATCH: any field of any kind, each optional (a field of another kind is then named by the kind's own check). */
function updateSchema(): z.ZodType {
  const fields: Record<string, z.ZodType> = {};
  for (const k of allKinds()) Object.assign(fields, k.fields);
  return (update ??= z.strictObject({ type: z.string(), name: MonitorName, paused: bool("Paused"), ...alertingFields, ...fields }).partial());
}

/**
 * PATCH semantics: fields present replace stored ones, then the whole monitor is validated again
 * (so timeout < interval holds after any change); a kind may merge more cleverly (kind.mergePatch).
 */
export function validateMonitorPatch(row: Monitor, patch: unknown): { values: MonitorValues; paused?: boolean } {
  if (!isPlainObject(patch)) fail({ _: "Send a JSON object with the fields to change" });
  const kind = kindOfRow(row);
  const parsed = updateSchema().safeParse(patch);
  if (!parsed.success) fail(fieldsFrom(parsed.error.issues as Issue[], kind));
  const { paused, ...changes } = patch as Record<string, unknown>;
  if (changes.type !== undefined && changes.type !== row.type) fail({ type: "A monitor's type can't be changed; create a new monitor instead" });
  const merged: Record<string, unknown> = { ...monitorToInput(row), ...changes };
  kind.mergePatch?.(merged, changes);
  return { values: validateMonitorInput(merged), paused: paused as boolean | undefined };
}
