import type { Redis } from "@upstash/redis";
import { and, eq, gt, isNotNull, asc } from "drizzle-orm";
import type { Db } from "../db/client";
import { monitors } from "../db/schema";
import { hbKey } from "./stream";

/**
 * The ingest's view of ping tokens, kept in Redis so that accepting a ping never touches Postgres:
 *   hb:tok:<token>  → "<monitorId>|<workspaceId>|<paused 0/1>"
 *   hb:mon:<id>     → token (reverse, so a delete or a new token drops the old entry)
 *   hb:neg:<token>  → negative cache for unknown tokens (cold-cache case only)
 *   hb:warm         → set once every token has been loaded: from then on a miss is a 404 without a DB query.
 * Redis must run with `maxmemory-policy noeviction` (BullMQ needs it too): an evicted token would read as unknown.
 */
export const tokenKey = (token: string) => hbKey("tok", token);
export const monitorTokenKey = (monitorId: string) => hbKey("mon", monitorId);
export const negativeKey = (token: string) => hbKey("neg", token);
export const warmKey = () => hbKey("warm");
export const NEGATIVE_TTL_SECONDS = 300;

export type CachedToken = { monitorId: string; workspaceId: string; paused: boolean };

export function encodeCached(c: CachedToken): string {
  return `${c.monitorId}|${c.workspaceId}|${c.paused ? 1 : 0}`;
}

export function decodeCached(v: string): CachedToken {
  const [monitorId, workspaceId, paused] = v.split("|");
  return { monitorId, workspaceId, paused: paused === "1" };
}

type Row = { id: string; workspaceId: string; paused: boolean; pingToken: string | null; type: string };

async function writeEntry(kv: Redis, row: Row): Promise<void> {
  const previous = await kv.get<string>(monitorTokenKey(row.id));
  const tx = kv.multi();
  if (previous && previous !== row.pingToken) tx.del(tokenKey(String(previous)));
  if (row.type === "heartbeat" && row.pingToken) {
    tx.set(tokenKey(row.pingToken), encodeCached({ monitorId: row.id, workspaceId: row.workspaceId, paused: row.paused }));
    tx.set(monitorTokenKey(row.id), row.pingToken);
    tx.del(negativeKey(row.pingToken));
  } else {
    tx.del(monitorTokenKey(row.id));
  }
  await tx.exec();
}

/** Brings the token cache in step with one monitor (called after every create/update/pause/resume/delete). */
export async function syncPingTokenCache(db: Db, kv: Redis, monitorId: string): Promise<void> {
  const [row] = await db
    .select({ id: monitors.id, workspaceId: monitors.workspaceId, paused: monitors.paused, pingToken: monitors.pingToken, type: monitors.type })
    .from(monitors)
    .where(eq(monitors.id, monitorId));
  if (row) return writeEntry(kv, row);
  // Deleted: drop its token so the next ping is a fast 404.
  const previous = await kv.get<string>(monitorTokenKey(monitorId));
  const tx = kv.multi();
  if (previous) {
    tx.del(tokenKey(String(previous)));
    tx.set(negativeKey(String(previous)), "1", { ex: NEGATIVE_TTL_SECONDS });
  }
  tx.del(monitorTokenKey(monitorId));
  await tx.exec();
}

/** Loads every heartbeat token (paged by id) and then marks the cache complete. Run by the fleet on start. */
export async function warmPingTokenCache(db: Db, kv: Redis, pageSize = 2000): Promise<number> {
  let after = "00000000-0000-0000-0000-000000000000";
  let total = 0;
  for (;;) {
    const rows = await db
      .select({ id: monitors.id, workspaceId: monitors.workspaceId, paused: monitors.paused, pingToken: monitors.pingToken })
      .from(monitors)
      .where(and(eq(monitors.type, "heartbeat"), isNotNull(monitors.pingToken), gt(monitors.id, after)))
      .orderBy(asc(monitors.id))
      .limit(pageSize);
    if (rows.length === 0) break;
    const p = kv.pipeline();
    for (const r of rows) {
      p.set(tokenKey(r.pingToken!), encodeCached({ monitorId: r.id, workspaceId: r.workspaceId, paused: r.paused }));
      p.set(monitorTokenKey(r.id), r.pingToken!);
    }
    await p.exec();
    total += rows.length;
    after = rows[rows.length - 1].id;
  }
  await kv.set(warmKey(), String(Date.now()));
  return total;
}

/** Cold-cache fallback: one DB read for a token the cache has never seen, then cached either way. */
export async function fillTokenFromDb(db: Db, kv: Redis, token: string): Promise<CachedToken | null> {
  const [row] = await db
    .select({ id: monitors.id, workspaceId: monitors.workspaceId, paused: monitors.paused, pingToken: monitors.pingToken, type: monitors.type })
    .from(monitors)
    .where(eq(monitors.pingToken, token));
  if (!row || row.type !== "heartbeat") {
    await kv.set(negativeKey(token), "1", { ex: NEGATIVE_TTL_SECONDS });
    return null;
  }
  await writeEntry(kv, row);
  return { monitorId: row.id, workspaceId: row.workspaceId, paused: row.paused };
}
