import { and, eq, inArray } from "drizzle-orm";
import { verb } from "../context";
import type { Tx } from "../db/client";
import { monitors, statusPageMonitors, statusPages } from "../db/schema";
import { env } from "../env";
import { ConflictError, parseOrThrow, ValidationError } from "../errors";
import { withinCountQuota } from "../quotas/quotas";
import { invalidatePublicStatusPage } from "./cache";
import { getStatusPage, getStatusPageRowOrThrow } from "./get-status-page";
import { CreateStatusPageInput, UpdateStatusPageInput } from "./schemas";
import type { StatusPageOut } from "./serialize";

type Listed = { monitorId: string; displayName: string; groupName: string | null }[];

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}
/** Slug and custom domain are both unique: the violated constraint says which field to blame. */
function takenError(err: unknown): ConflictError {
  const e = err as { constraint_name?: string; cause?: { constraint_name?: string } };
  const constraint = e?.constraint_name ?? e?.cause?.constraint_name ?? "";
  if (/custom_?domain/i.test(constraint))
    return new ConflictError("That domain is used by another status page", { customDomain: "That domain is used by another status page" });
  return new ConflictError("That slug is already taken", { slug: "That slug is already taken" });
}

/** The app's own host can't be a page's custom domain: it already answers with the app. */
function assertNotAppHost(customDomain: string | null | undefined): void {
  if (customDomain && customDomain === new URL(env.APP_URL).hostname) {
    throw new ValidationError("That is this Vigil's own host", { customDomain: "That is this Vigil's own host: use a host name of your own" });
  }
}

/** Every listed monitor must be this workspace's: a foreign or unknown id is a field error, never a leak. */
async function assertOwnMonitors(tx: Tx, workspaceId: string, list: Listed): Promise<void> {
  if (list.length === 0) return;
  const ids = list.map((m) => m.monitorId);
  const own = await tx
    .select({ id: monitors.id })
    .from(monitors)
    .where(and(eq(monitors.workspaceId, workspaceId), inArray(monitors.id, ids)));
  const ok = new Set(own.map((r) => r.id));
  const fields: Record<string, string> = {};
  list.forEach((m, i) => {
    if (!ok.has(m.monitorId)) fields[`monitors.${i}.monitorId`] = "No such monitor in this workspace";
  });
  if (Object.keys(fields).length) throw new ValidationError("Some monitors can't be listed", fields);
}

async function replaceMonitors(tx: Tx, pageId: string, list: Listed): Promise<void> {
  await tx.delete(statusPageMonitors).where(eq(statusPageMonitors.statusPageId, pageId));
  if (list.length) await tx.insert(statusPageMonitors).values(list.map((m, position) => ({ statusPageId: pageId, ...m, position })));
}

export const createStatusPage = verb("editor", async (ctx, raw: unknown): Promise<StatusPageOut> => {
  const { workspaceId } = ctx;
  const input = parseOrThrow(CreateStatusPageInput, raw);
  assertNotAppHost(input.customDomain);
  let id: string;
  try {
    id = await withinCountQuota(ctx, "statusPages", async (tx) => {
      await assertOwnMonitors(tx, workspaceId, input.monitors);
      const { monitors: _listed, ...fields } = input;
      const [page] = await tx
        .insert(statusPages)
        .values({ ...fields, workspaceId })
        .returning();
      await replaceMonitors(tx, page.id, input.monitors);
      return page.id;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw takenError(err);
    throw err;
  }
  await invalidatePublicStatusPage(input.slug);
  return getStatusPage(ctx, id);
});

export const updateStatusPage = verb("editor", async (ctx, id: string, raw: unknown): Promise<StatusPageOut> => {
  const { db, workspaceId } = ctx;
  const before = await getStatusPageRowOrThrow(ctx, id);
  const input = parseOrThrow(UpdateStatusPageInput, raw);
  assertNotAppHost(input.customDomain);
  try {
    await db.transaction(async (tx) => {
      if (input.monitors) await assertOwnMonitors(tx, workspaceId, input.monitors);
      const { monitors: list, ...fields } = input;
      await tx
        .update(statusPages)
        .set({ ...fields, updatedAt: new Date() })
        .where(and(eq(statusPages.id, before.id), eq(statusPages.workspaceId, workspaceId)));
      if (list) await replaceMonitors(tx, before.id, list);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw takenError(err);
    throw err;
  }
  await invalidatePublicStatusPage(before.slug);
  if (input.slug && input.slug !== before.slug) await invalidatePublicStatusPage(input.slug);
  return getStatusPage(ctx, before.id);
});

export const deleteStatusPage = verb("editor", async (ctx, id: string): Promise<void> => {
  const page = await getStatusPageRowOrThrow(ctx, id);
  await ctx.db.delete(statusPages).where(and(eq(statusPages.id, page.id), eq(statusPages.workspaceId, ctx.workspaceId)));
  await invalidatePublicStatusPage(page.slug);
});
