import { verb } from "../../context";
import { env } from "../../env";
import { ValidationError } from "../../errors";
import { createValidatedMonitors, pingUrl, validateMonitorInput, type NewMonitorItem } from "../../monitors";
import { getQuotas } from "../../quotas/quotas";
import { mapKumaMonitor, type MappedMonitor } from "./map";
import { parseKumaBackup } from "./parse";

export type ImportedMonitor = { id: string; name: string; type: string; paused: boolean; pingUrl?: string; notes?: string[] };
/** The API's answer: `created` and `skipped` as documented; `monitors` lists what was made (ping URLs included). */
export type KumaImportResult = { created: number; skipped: { name: string; reason: string }[]; monitors: ImportedMonitor[] };

/**
 * Imports an Uptime Kuma backup into the caller's workspace. A file that isn't a backup, or is over the
 * limits, is refused whole; each monitor that can't come over is listed with its reason; the rest are
 * validated exactly like `POST /monitors` input and created in one transaction (all or none).
 */
export const importUptimeKuma = verb("editor", async (ctx, fileText: string): Promise<KumaImportResult> => {
  const backup = parseKumaBackup(fileText);
  const quotas = await getQuotas(ctx.db, ctx.workspaceId);
  const minIntervalSeconds = Math.max(env.MIN_INTERVAL_SECONDS, quotas.minIntervalSeconds);
  // An empty region list means every region; a workspace allowed fewer gets the first ones it may use.
  const regions = env.REGIONS.length > quotas.regionsPerMonitor ? env.REGIONS.slice(0, quotas.regionsPerMonitor) : undefined;

  const skipped: KumaImportResult["skipped"] = [];
  const ready: (NewMonitorItem & { mapped: MappedMonitor })[] = [];
  for (const entry of backup.monitors) {
    if (!entry.ok) {
      skipped.push({ name: entry.name, reason: entry.reason });
      continue;
    }
    const mapped = mapKumaMonitor(entry.monitor, { minIntervalSeconds, regions });
    if (!mapped.ok) {
      skipped.push({ name: mapped.name, reason: mapped.reason });
      continue;
    }
    try {
      ready.push({ values: validateMonitorInput(mapped.input), paused: mapped.paused, mapped });
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err;
      skipped.push({ name: mapped.name, reason: refusalReason(mapped, err) });
    }
  }

  const rows = await createValidatedMonitors(ctx, ready);
  return {
    created: rows.length,
    skipped,
    monitors: rows.map((row, i) => ({
      id: row.id,
      name: row.name,
      type: row.type,
      paused: row.paused,
      ...(row.pingToken ? { pingUrl: pingUrl(row.pingToken) } : {}),
      ...(ready[i].mapped.notes.length ? { notes: ready[i].mapped.notes } : {}),
    })),
  };
});

/** The monitors domain's field messages, as one line a person can read beside the monitor's name. */
function refusalReason(mapped: MappedMonitor, err: ValidationError): string {
  const fields = err.fields ?? {};
  if (fields.type) return `This Vigil has no ${String(mapped.input.type)} monitors yet (${fields.type})`;
  const parts = Object.entries(fields).map(([field, message]) => (/^unknown field$/i.test(message) ? `${field} is not a field Vigil knows` : message));
  return parts.length ? parts.join("; ") : err.message;
}
