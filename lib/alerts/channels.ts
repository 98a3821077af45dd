import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Db, Tx } from "../db/client";
import { alertChannels, alertOutbox, memberships, monitors, users, type AlertChannel } from "../db/schema";
import { NotFoundError, ValidationError, parseOrThrow } from "../errors";
import { notifyOutbox } from "./notify";
import { CreateAlertChannelInput } from "./schemas";


/** The contract's AlertChannel, plus what the app shows (muted, last delivery error). */
export function toApiChannel(c: AlertChannel) {
  return { id: c.id, type: c.type, target: c.target, monitorIds: c.monitorIds, muted: c.muted, lastError: c.lastError, lastErrorAt: c.lastErrorAt?.toISOString() ?? null, createdAt: c.createdAt.toISOString() };
}

/**
 * A workspace without any channel alerts its owner: the owner's address becomes a channel the first
 * time anyone looks (the alerts page, the API, an incident). The advisory lock keeps two concurrent
 * first looks from creating it twice.
 */
export async function ensureDefaultChannel(db: Db | Tx, workspaceId: string): Promise<void> {
  const run = async (tx: Tx | Db) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${"alert-default:" + workspaceId}))`);
    const [any] = await tx.select({ id: alertChannels.id }).from(alertChannels).where(eq(alertChannels.workspaceId, workspaceId)).limit(1);
    if (any) return;
    const [owner] = await tx
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.workspaceId, workspaceId), eq(memberships.role, "owner")))
      .orderBy(asc(memberships.createdAt))
      .limit(1);
    if (owner) await tx.insert(alertChannels).values({ workspaceId, type: "email", target: owner.email });
  };
  // The common case (channels exist) costs one indexed read and takes no lock.
  const [existing] = await db.select({ id: alertChannels.id }).from(alertChannels).where(eq(alertChannels.workspaceId, workspaceId)).limit(1);
  if (existing) return;
  // Inside a caller's transaction the lock lives until its commit; on its own, open a short one.
  if ("rollback" in db) return run(db);
  return (db as Db).transaction(run);
}

export async function listAlertChannels(db: Db, workspaceId: string): Promise<AlertChannel[]> {
  await ensureDefaultChannel(db, workspaceId);
  return db.select().from(alertChannels).where(eq(alertChannels.workspaceId, workspaceId)).orderBy(asc(alertChannels.createdAt));
}

export async function createAlertChannel(db: Db, workspaceId: string, input: unknown): Promise<AlertChannel> {
  const data = parseOrThrow(CreateAlertChannelInput, input);
  const ids = [...new Set(data.monitorIds)];
  if (ids.length) {
    const found = await db.select({ id: monitors.id }).from(monitors).where(and(eq(monitors.workspaceId, workspaceId), inArray(monitors.id, ids)));
    if (found.length !== ids.length) throw new ValidationError("Some fields are invalid", { monitorIds: "Unknown monitor in this workspace" });
  }
  const [row] = await db.insert(alertChannels).values({ workspaceId, type: data.type, target: data.target, monitorIds: ids }).returning();
  return row;
}

async function getChannelOrThrow(db: Db, workspaceId: string, id: string): Promise<AlertChannel> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) throw new NotFoundError("Alert channel");
  const [row] = await db.select().from(alertChannels).where(and(eq(alertChannels.id, id), eq(alertChannels.workspaceId, workspaceId)));
  if (!row) throw new NotFoundError("Alert channel");
  return row;
}

export async function deleteAlertChannel(db: Db, workspaceId: string, id: string): Promise<void> {
  await getChannelOrThrow(db, workspaceId, id);
  await db.delete(alertChannels).where(and(eq(alertChannels.id, id), eq(alertChannels.workspaceId, workspaceId)));
}

export async function setAlertChannelMuted(db: Db, workspaceId: string, id: string, muted: boolean): Promise<AlertChannel> {
  await getChannelOrThrow(db, workspaceId, id);
  const [row] = await db.update(alertChannels).set({ muted }).where(and(eq(alertChannels.id, id), eq(alertChannels.workspaceId, workspaceId))).returning();
  return row;
}

/** "Send test email": one 'test' outbox row, delivered by the fleet through the same code as real alerts. */
export async function sendTestAlert(db: Db, workspaceId: string, id: string): Promise<string> {
  const channel = await getChannelOrThrow(db, workspaceId, id);
  const [row] = await db
    .insert(alertOutbox)
    .values({ workspaceId, channelId: channel.id, event: "test", idempotencyKey: `test:${channel.id}:${randomUUID()}`, payload: {} })
    .returning({ id: alertOutbox.id });
  await notifyOutbox(db);
  return row.id;
}
