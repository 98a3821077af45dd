import { createHash, randomBytes } from "node:crypto";
import { and, desc, eq, isNull } from "drizzle-orm";
import { verb } from "../context";
import type { Db } from "../db/client";
import { apiKeys, type ApiKey } from "../db/schema";
import { z } from "zod";
import { NotFoundError, parseOrThrow } from "../errors";

const KEY_PREFIX = "vgl_";
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const ApiKeyName = z.string({ error: "Name is required" }).trim().min(1, "Name is required").max(100, "Name must be at most 100 characters");

export function hashApiKey(key: string): string {
  return createHash("sha256").update(key).digest("hex");
}

/**
 * Creates a key; the plain key is returned once and only its hash is kept. The creator is the acting
 * user; the operator CLI (a system actor) names the user it creates the key for in `createdBy`.
 */
export const createApiKey = verb("admin", async (ctx, input: { name: string; createdBy?: string | null }): Promise<{ key: string; apiKey: ApiKey }> => {
  const name = parseOrThrow(z.object({ name: ApiKeyName }), { name: input.name }).name;
  const key = `${KEY_PREFIX}${randomBytes(24).toString("base64url")}`;
  const createdBy = ctx.actor.kind === "user" ? ctx.actor.id : (input.createdBy ?? null);
  const [apiKey] = await ctx.db
    .insert(apiKeys)
    .values({ workspaceId: ctx.workspaceId, name, prefix: key.slice(0, 10), keyHash: hashApiKey(key), createdBy })
    .returning();
  return { key, apiKey };
});

/** Keys are workspace settings: listing them (names, prefixes, last use) needs an admin too. */
export const listApiKeys = verb("admin", async (ctx): Promise<ApiKey[]> => {
  return ctx.db.select().from(apiKeys).where(eq(apiKeys.workspaceId, ctx.workspaceId)).orderBy(desc(apiKeys.createdAt));
});

/** Revokes a key of this workspace; another workspace's key id is NotFound. */
export const revokeApiKey = verb("admin", async (ctx, id: string): Promise<void> => {
  const { db, workspaceId } = ctx;
  if (!UUID.test(id)) throw new NotFoundError("API key");
  const rows = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (rows.length === 0) {
    const [existing] = await db
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(and(eq(apiKeys.id, id), eq(apiKeys.workspaceId, workspaceId)));
    if (!existing) throw new NotFoundError("API key");
  }
});

/** The workspace a bearer key acts for, or null for an unknown or revoked key. */
export async function authenticateApiKey(db: Db, key: string): Promise<{ workspaceId: string; keyId: string; keyName: string } | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 100) return null;
  const [row] = await db
    .select({ id: apiKeys.id, name: apiKeys.name, workspaceId: apiKeys.workspaceId, revokedAt: apiKeys.revokedAt, lastUsedAt: apiKeys.lastUsedAt })
    .from(apiKeys)
    .where(eq(apiKeys.keyHash, hashApiKey(key)));
  if (!row || row.revokedAt) return null;
  // Touch lastUsedAt at most once a minute so the API's hot path isn't a write per request.
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() > 60_000) {
    await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, row.id));
  }
  return { workspaceId: row.workspaceId, keyId: row.id, keyName: row.name };
}
