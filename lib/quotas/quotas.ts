import { eq, sql, type SQL } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { verb, type Ctx } from "../context";
import type { Db, Tx } from "../db/client";
import { isOwnerEmailChannel } from "../alerts/channels/default-channel";
import { alertChannels, monitors, statusPages, workspaces, type WorkspaceQuotas } from "../db/schema";
import { env } from "../env";
import { AppError, NotFoundError, parseOrThrow } from "../errors";
import { z } from "zod";

export type QuotaName = keyof Required<WorkspaceQuotas>;
export type Quotas = Required<WorkspaceQuotas>;

const LABELS: Record<QuotaName, string> = {
  monitors: "monitors",
  minIntervalSeconds: "minimum check interval (seconds)",
  regionsPerMonitor: "regions per monitor",
  alertChannels: "alert channels",
  statusPages: "status pages",
  testSendsPerHour: "test sends per hour",
};

/** 403 `quota_exceeded`, naming the limit, so the API and the forms can say which one. */
export class QuotaExceededError extends AppError {
  constructor(
    readonly quota: QuotaName,
    readonly limit: number,
    message?: string,
    fields?: Record<string, string>,
  ) {
    super("quota_exceeded", 403, message ?? `This workspace's quota of ${limit} ${LABELS[quota]} is reached; ask an admin to raise it`, fields);
  }
}

/** The defaults every workspace gets, from the environment (QUOTA_*). */
export function defaultQuotas(): Quotas {
  return {
    monitors: env.QUOTA_MONITORS,
    minIntervalSeconds: Math.max(env.QUOTA_MIN_INTERVAL_SECONDS, env.MIN_INTERVAL_SECONDS),
    regionsPerMonitor: env.QUOTA_REGIONS_PER_MONITOR,
    alertChannels: env.QUOTA_ALERT_CHANNELS,
    statusPages: env.QUOTA_STATUS_PAGES,
    testSendsPerHour: env.QUOTA_TEST_SENDS_PER_HOUR,
  };
}

/** The workspace's quotas: defaults, overridden by what an operator set for it. */
export async function getQuotas(db: Db | Tx, workspaceId: string): Promise<Quotas> {
  const [row] = await db.select({ quotas: workspaces.quotas }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return { ...defaultQuotas(), ...(row?.quotas ?? {}) };
}

// `oneFree`: rows of which one doesn't count. The owner's default email channel is made by Vigil, not
// added by the user, so a quota of N leaves room for N channels of their own.
type Counted = { table: PgTable; workspaceId: PgColumn; oneFree?: (workspaceId: string) => SQL };
const COUNTED: Record<"monitors" | "alertChannels" | "statusPages", Counted> = {
  monitors: { table: monitors, workspaceId: monitors.workspaceId },
  alertChannels: { table: alertChannels, workspaceId: alertChannels.workspaceId, oneFree: isOwnerEmailChannel },
  statusPages: { table: statusPages, workspaceId: statusPages.workspaceId },
};

/**
 * Runs `create` inside a transaction that holds the workspace's lock for this kind of object, after
 * checking that one more fits the quota: two concurrent creates can't both take the last place.
 */
export async function withinCountQuota<T>(ctx: Ctx, quota: keyof typeof COUNTED, create: (tx: Tx, quotas: Quotas) => Promise<T>): Promise<T> {
  return ctx.db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`quota:${quota}:${ctx.workspaceId}`}))`);
    const quotas = await getQuotas(tx, ctx.workspaceId);
    const c = COUNTED[quota];
    const free = c.oneFree ? sql`least(1, count(*) filter (where ${c.oneFree(ctx.workspaceId)}))` : sql`0`;
    const [{ n }] = await tx
      .select({ n: sql<number>`count(*) - ${free}`.mapWith(Number) })
      .from(c.table)
      .where(eq(c.workspaceId, ctx.workspaceId));
    if (n >= quotas[quota]) throw new QuotaExceededError(quota, quotas[quota]);
    return create(tx, quotas);
  });
}

/** A monitor's interval and regions against the workspace's quotas (field errors, so forms can show them). */
export function assertMonitorWithinQuotas(q: Quotas, v: object & { intervalSeconds?: number | null; regions?: string[] }): void {
  // Heartbeats are pinged, not checked: neither an interval nor regions of ours.
  if (!("intervalSeconds" in v)) return;
  if (v.intervalSeconds != null && v.intervalSeconds < q.minIntervalSeconds) {
    const message = `This workspace's quota allows checks every ${q.minIntervalSeconds} seconds at most often`;
    throw new QuotaExceededError("minIntervalSeconds", q.minIntervalSeconds, message, { intervalSeconds: message });
  }
  // An empty region list means every region the fleet has.
  const regions = v.regions && v.regions.length ? v.regions.length : env.REGIONS.length;
  if (regions > q.regionsPerMonitor) {
    const message = `This workspace's quota allows ${q.regionsPerMonitor} region${q.regionsPerMonitor === 1 ? "" : "s"} per monitor; choose at most that many`;
    throw new QuotaExceededError("regionsPerMonitor", q.regionsPerMonitor, message, { regions: message });
  }
}

const QuotaPatch = z
  .strictObject({
    monitors: z.number().int().min(0).max(1_000_000),
    minIntervalSeconds: z.number().int().min(1).max(86_400),
    regionsPerMonitor: z.number().int().min(1).max(100),
    alertChannels: z.number().int().min(0).max(10_000),
    statusPages: z.number().int().min(0).max(10_000),
    testSendsPerHour: z.number().int().min(0).max(10_000),
  })
  .partial();

/** An operator raises (or lowers) one workspace's quotas; a null value returns that quota to the default. */
export const setWorkspaceQuotas = verb("operator", async (ctx, workspaceId: string, patch: unknown): Promise<Quotas> => {
  const raw = (patch ?? {}) as Record<string, unknown>;
  const cleared = Object.keys(raw).filter((k) => raw[k] === null);
  const data = parseOrThrow(QuotaPatch, Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== null)));
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx.select({ quotas: workspaces.quotas }).from(workspaces).where(eq(workspaces.id, workspaceId)).for("update");
    if (!row) throw new NotFoundError("Workspace");
    const next: WorkspaceQuotas = { ...row.quotas, ...data };
    for (const k of cleared) delete next[k as QuotaName];
    await tx.update(workspaces).set({ quotas: next }).where(eq(workspaces.id, workspaceId));
    return { ...defaultQuotas(), ...next };
  });
});
