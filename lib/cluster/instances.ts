import { desc, eq, lt } from "drizzle-orm";
import type { Db } from "../db/client";
import { workerInstances, type WorkerInstance, type WorkerStats } from "../db/schema";

export const HEARTBEAT_MS = 5_000;
/** Shown as stale after three missed heartbeats. */
export const STALE_AFTER_MS = 3 * HEARTBEAT_MS;

export type InstanceIdentity = { id: string; host: string; pid: number; region: string; version: string; concurrency: number };

/** Registers (or re-registers after a restart of the row) a worker instance. */
export async function registerInstance(db: Db, who: InstanceIdentity, now = new Date()): Promise<void> {
  await db
    .insert(workerInstances)
    .values({ ...who, startedAt: now, lastHeartbeatAt: now })
    .onConflictDoUpdate({ target: workerInstances.id, set: { ...who, lastHeartbeatAt: now } });
}

/** Records a heartbeat; re-creates the row if an operator (or the sweep) deleted it meanwhile. */
export async function heartbeatInstance(db: Db, who: InstanceIdentity, stats: WorkerStats, now = new Date()): Promise<void> {
  await db
    .insert(workerInstances)
    .values({ ...who, startedAt: now, lastHeartbeatAt: now, stats })
    .onConflictDoUpdate({ target: workerInstances.id, set: { lastHeartbeatAt: now, stats } });
}

export async function deregisterInstance(db: Db, id: string): Promise<void> {
  await db.delete(workerInstances).where(eq(workerInstances.id, id));
}

export type InstanceView = WorkerInstance & { stale: boolean; uptimeSeconds: number };

export async function listInstances(db: Db, now = new Date()): Promise<InstanceView[]> {
  const rows = await db.select().from(workerInstances).orderBy(workerInstances.region, desc(workerInstances.startedAt));
  return rows.map((r) => ({
    ...r,
    stale: now.getTime() - r.lastHeartbeatAt.getTime() > STALE_AFTER_MS,
    uptimeSeconds: Math.max(0, Math.round((now.getTime() - r.startedAt.getTime()) / 1000)),
  }));
}

/** Instances silent for an hour crashed without deregistering: drop them so the page stays readable. */
export async function pruneDeadInstances(db: Db, olderThanMs = 3_600_000, now = new Date()): Promise<number> {
  const rows = await db
    .delete(workerInstances)
    .where(lt(workerInstances.lastHeartbeatAt, new Date(now.getTime() - olderThanMs)))
    .returning({ id: workerInstances.id });
  return rows.length;
}
