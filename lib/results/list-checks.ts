import { newestFirst } from "../db/order";
import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { z } from "zod";
import { verb } from "../context";
import { checkResults, type CheckResult } from "../db/schema";
import { parseOrThrow } from "../errors";
import { getMonitorOrThrow } from "../monitors/get-monitor";

export const ListChecksQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(50),
    // Paging cursor: checks that started strictly before this instant (the last item's startedAt).
    before: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

/** A monitor's raw check results, newest first (served by the (monitor_id, started_at desc) index). */
export const listChecks = verb("viewer", async (ctx, monitorId: string, input: unknown): Promise<CheckResult[]> => {
  const q = parseOrThrow(ListChecksQuery, input);
  await getMonitorOrThrow(ctx, monitorId);
  const where: SQL[] = [eq(checkResults.monitorId, monitorId)];
  if (q.before) where.push(lt(checkResults.startedAt, new Date(q.before)));
  return ctx.db
    .select()
    .from(checkResults)
    .where(and(...where))
    .orderBy(newestFirst(checkResults.startedAt), desc(checkResults.id))
    .limit(q.limit);
});

/** The API's CheckResult (CONTRACT.md). */
export function toApiCheck(c: CheckResult) {
  return {
    id: c.id,
    monitorId: c.monitorId,
    region: c.region,
    startedAt: c.startedAt.toISOString(),
    ok: c.ok,
    statusCode: c.statusCode,
    latencyMs: c.latencyMs,
    timings: { dnsMs: c.dnsMs, connectMs: c.connectMs, tlsMs: c.tlsMs, ttfbMs: c.ttfbMs, totalMs: c.totalMs },
    error: c.error,
    // What the monitor's kind kept with the result: a DNS check's {recordType, resolver, answers, missing?, rcode?}.
    ...(c.detail ? { detail: c.detail } : {}),
  };
}
