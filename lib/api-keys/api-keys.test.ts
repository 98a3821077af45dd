import { afterAll, describe, expect, it } from "vitest";
import { systemCtx } from "../context";
import { eq } from "drizzle-orm";
import { closeDb, db } from "../db/client";
import { apiKeys } from "../db/schema";
import { ForbiddenError, NotFoundError, ValidationError } from "../errors";
import { createTestUser, ctxOf, userCtx, viewerCtx } from "../../tests/factories";
import { authenticateApiKey, createApiKey, hashApiKey, listApiKeys, revokeApiKey } from "./api-keys";

afterAll(closeDb);

describe("api keys", () => {
  it("creates a key shown once and stores only its hash", async () => {
    const owner = await createTestUser();
    const { workspaceId, user } = owner;
    const { key, apiKey } = await createApiKey(ctxOf(db, owner), { name: "  deploy  " });
    expect(key).toMatch(/^vgl_[A-Za-z0-9_-]{32}$/);
    expect(apiKey).toMatchObject({ name: "deploy", prefix: key.slice(0, 10), keyHash: hashApiKey(key), revokedAt: null, createdBy: user.id });
    const [stored] = await db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(JSON.stringify(stored)).not.toContain(key);
    expect(await authenticateApiKey(db, key)).toEqual({ workspaceId, keyId: apiKey.id, keyName: "deploy" });
    const [touched] = await db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(touched.lastUsedAt).toBeInstanceOf(Date);
  });

  it("refuses an empty or oversized name", async () => {
    const { workspaceId } = await createTestUser();
    await expect(createApiKey(systemCtx(db, workspaceId), { name: "  " })).rejects.toMatchObject({ fields: { name: "Name is required" } });
    await expect(createApiKey(systemCtx(db, workspaceId), { name: "k".repeat(101) })).rejects.toBeInstanceOf(ValidationError);
    expect(await listApiKeys(userCtx(db, workspaceId))).toEqual([]);
  });

  it("revokes: the key stops working; another workspace's key or a malformed id is NotFound", async () => {
    const owner = await createTestUser();
    const stranger = await createTestUser();
    const { key, apiKey } = await createApiKey(systemCtx(db, owner.workspaceId), { name: "ci" });
    await expect(revokeApiKey(userCtx(db, stranger.workspaceId), apiKey.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeApiKey(userCtx(db, owner.workspaceId), "nope")).rejects.toBeInstanceOf(NotFoundError);
    expect(await authenticateApiKey(db, key)).not.toBeNull();
    expect(await listApiKeys(userCtx(db, stranger.workspaceId))).toEqual([]);

    await revokeApiKey(userCtx(db, owner.workspaceId), apiKey.id);
    await revokeApiKey(userCtx(db, owner.workspaceId), apiKey.id); // idempotent
    expect(await authenticateApiKey(db, key)).toBeNull();
    const [listed] = await listApiKeys(userCtx(db, owner.workspaceId));
    expect(listed.revokedAt).toBeInstanceOf(Date);
  });

  it("is an admin's business: an editor or viewer can neither create, list nor revoke keys", async () => {
    const { workspaceId } = await createTestUser();
    const { apiKey } = await createApiKey(systemCtx(db, workspaceId), { name: "ci" });
    for (const ctx of [viewerCtx(db, workspaceId), userCtx(db, workspaceId, { role: "editor" })]) {
      await expect(createApiKey(ctx, { name: "mine" })).rejects.toBeInstanceOf(ForbiddenError);
      await expect(listApiKeys(ctx)).rejects.toMatchObject({ status: 403 });
      await expect(revokeApiKey(ctx, apiKey.id)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect((await listApiKeys(userCtx(db, workspaceId, { role: "admin" }))).map((k) => [k.name, k.revokedAt])).toEqual([["ci", null]]);
  });

  it("rejects unknown and malformed keys", async () => {
    expect(await authenticateApiKey(db, "vgl_doesnotexist")).toBeNull();
    expect(await authenticateApiKey(db, "sk_live_other")).toBeNull();
    expect(await authenticateApiKey(db, `vgl_${"x".repeat(200)}`)).toBeNull();
  });
});
