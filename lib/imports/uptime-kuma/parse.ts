import { z } from "zod";
import { ValidationError } from "../../errors";
import { parseClientJson } from "../../http/parse-json";

/**
 * An Uptime Kuma backup as Kuma 1.x writes it (Settings → Backup → Export): `{version, notificationList,
 * monitorList}`, each monitor being what Kuma's monitor model serializes. Only the fields the mapping
 * reads are typed; everything else Kuma writes (tags, notifications, proxies, gRPC, databases …) is
 * let through untouched and ignored.
 */
export const MAX_IMPORT_BYTES = 5 * 1024 * 1024;
export const MAX_IMPORT_MONITORS = 1000;

// Kuma's SQLite booleans reach the export as true/false from its getters, or 0/1 from older versions.
const flag = z
  .union([z.boolean(), z.number()])
  .nullish()
  .transform((v) => Boolean(v));
const text = z.string().nullish();
const num = z.number().nullish();

export const KumaMonitor = z.looseObject({
  id: z.unknown().optional(),
  name: z.string().min(1),
  type: z.string().min(1),
  url: text,
  method: text,
  headers: z.union([z.string(), z.record(z.string(), z.unknown())]).nullish(),
  body: text,
  httpBodyEncoding: text,
  interval: num,
  retryInterval: num,
  resendInterval: num,
  maxretries: num,
  timeout: num,
  accepted_statuscodes: z.array(z.string()).nullish(),
  keyword: text,
  invertKeyword: flag,
  jsonPath: text,
  jsonPathOperator: text,
  expectedValue: z.union([z.string(), z.number()]).nullish(),
  hostname: text,
  port: z.union([z.number(), z.string()]).nullish(),
  dns_resolve_type: text,
  dns_resolve_server: text,
  pushToken: text,
  ignoreTls: flag,
  maxredirects: num,
  upsideDown: flag,
  active: z.union([z.boolean(), z.number()]).nullish(),
  authMethod: text,
  basic_auth_user: text,
  basic_auth_pass: text,
  proxyId: z.unknown().optional(),
});
export type KumaMonitor = z.output<typeof KumaMonitor>;

const Backup = z.looseObject({
  version: z.string({ error: "version is missing" }),
  notificationList: z.array(z.unknown()).optional(),
  monitorList: z.array(z.unknown(), { error: "monitorList is missing" }),
});

export type ParsedBackup = {
  version: string;
  /** Monitors in file order; an entry that isn't a monitor object is kept as its problem, to be listed. */
  monitors: ({ ok: true; monitor: KumaMonitor } | { ok: false; name: string; reason: string })[];
};

const NOT_A_BACKUP =
  'This file isn\'t an Uptime Kuma backup: expected a JSON object with "version" and "monitorList", as Uptime Kuma\'s Settings → Backup → Export writes it';

/** Reads a backup's text; a file that isn't JSON, isn't a backup or is over the limits is a ValidationError. */
export function parseKumaBackup(textBody: string): ParsedBackup {
  if (Buffer.byteLength(textBody, "utf8") > MAX_IMPORT_BYTES) {
    throw new ValidationError(`The file is too large: an import takes at most ${MAX_IMPORT_BYTES / 1024 / 1024} MiB`);
  }
  const json = parseClientJson(textBody, "The file isn't valid JSON: upload the .json file Uptime Kuma's backup export wrote");
  const backup = Backup.safeParse(json);
  if (!backup.success) throw new ValidationError(NOT_A_BACKUP);
  const list = backup.data.monitorList;
  // Checked before any entry is read: a huge list is refused at the cost of reading its length.
  if (list.length > MAX_IMPORT_MONITORS) {
    throw new ValidationError(
      `The backup lists ${list.length.toLocaleString("en-US")} monitors; an import takes at most ${MAX_IMPORT_MONITORS.toLocaleString("en-US")}. Split the file, or export fewer monitors.`,
    );
  }
  return {
    version: backup.data.version,
    monitors: list.map((entry, i) => {
      const parsed = KumaMonitor.safeParse(entry);
      if (parsed.success) return { ok: true as const, monitor: parsed.data };
      const rawName =
        typeof entry === "object" && entry !== null && typeof (entry as { name?: unknown }).name === "string" ? (entry as { name: string }).name : "";
      const issue = parsed.error.issues[0];
      const where = issue?.path.length ? ` (${issue.path.map(String).join(".")})` : "";
      return { ok: false as const, name: rawName.slice(0, 100) || `Monitor #${i + 1}`, reason: `Not a monitor entry Vigil can read${where}` };
    }),
  };
}
