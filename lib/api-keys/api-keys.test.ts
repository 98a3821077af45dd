import { afterAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { closeDb, db } from "../db/client";
import { apiKeys } from "../db/schema";
import { NotFoundError, ValidationError } from "../errors";
import { createTestUser } from "../../tests/factories";
import { authenticateApiKey, createApiKey, hashApiKey, listApiKeys, revokeApiKey } from "./api-keys";

afterAll(closeDb);

describe("api keys", () => {
  it("creates a key shown once and stores only its hash", async () => {
    const { workspaceId, user } = await createTestUser();
    const { key, apiKey } = await createApiKey(db, { workspaceId, name: "  deploy  ", createdBy: user.id });
    expect(key).toMatch(/^vgl_[A-Za-z0-9_-]{32}$/);
    expect(apiKey).toMatchObject({ name: "deploy", prefix: key.slice(0, 10), keyHash: hashApiKey(key), revokedAt: null });
    const [stored] = await db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(JSON.stringify(stored)).not.toContain(key);
    expect(await authenticateApiKey(db, key)).toEqual({ workspaceId, keyId: apiKey.id });
    const [touched] = await db.select().from(apiKeys).where(eq(apiKeys.id, apiKey.id));
    expect(touched.lastUsedAt).toBeInstanceOf(Date);
  });

  it("refuses an empty or oversized name", async () => {
    const { workspaceId } = await createTestUser();
    await expect(createApiKey(db, { workspaceId, name: "  " })).rejects.toMatchObject({ fields: { name: "Name is required" } });
    await expect(createApiKey(db, { workspaceId, name: "k".repeat(101) })).rejects.toBeInstanceOf(ValidationError);
    expect(await listApiKeys(db, workspaceId)).toEqual([]);
  });

  it("revokes: the key stops working; another workspace's key or a malformed id is NotFound", async () => {
    const owner = await createTestUser();
    const stranger = await createTestUser();
    const { key, apiKey } = await createApiKey(db, { workspaceId: owner.workspaceId, name: "ci" });
    await expect(revokeApiKey(db, stranger.workspaceId, apiKey.id)).rejects.toBeInstanceOf(NotFoundError);
    await expect(revokeApiKey(db, owner.workspaceId, "nope")).rejects.toBeInstanceOf(NotFoundError);
    expect(await authenticateApiKey(db, key)).not.toBeNull();
    expect(await listApiKeys(db, stranger.workspaceId)).toEqual([]);

    await revokeApiKey(db, owner.workspaceId, apiKey.id);
    await revokeApiKey(db, owner.workspaceId, apiKey.id); // idempotent
    expect(await authenticateApiKey(db, key)).toBeNull();
    const [listed] = await listApiKeys(db, owner.workspaceId);
    expect(listed.revokedAt).toBeInstanceOf(Date);
  });

  it("rejects unknown and malformed keys", async () => {
    expect(await authenticateApiKey(db, "vgl_doesnotexist")).toBeNull();
    expect(await authenticateApiKey(db, "sk_live_other")).toBeNull();
    expect(await authenticateApiKey(db, `vgl_${"x".repeat(200)}`)).toBeNull();
  });
});
