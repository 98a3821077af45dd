import { and, asc, desc, eq, inArray } from "drizzle-orm";
import { verb, type Ctx } from "../context";
import type { Db } from "../db/client";
import { statusPageMonitors, statusPages, type StatusPage } from "../db/schema";
import { NotFoundError } from "../errors";
import { serializeStatusPage, type StatusPageMonitorOut, type StatusPageOut } from "./serialize";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The page if it belongs to this workspace; a malformed id or another workspace's page is NotFound.
 * A helper of the verbs here (which have checked the actor), not a verb itself.
 */
export async function getStatusPageRowOrThrow(ctx: Ctx, id: string): Promise<StatusPage> {
  if (!UUID.test(id)) throw new NotFoundError("Status page");
  const [row] = await ctx.db
    .select()
    .from(statusPages)
    .where(and(eq(statusPages.id, id), eq(statusPages.workspaceId, ctx.workspaceId)));
  if (!row) throw new NotFoundError("Status page");
  return row;
}

export async function listedMonitors(db: Db, pageIds: string[]): Promise<Map<string, StatusPageMonitorOut[]>> {
  const out = new Map<string, StatusPageMonitorOut[]>(pageIds.map((id) => [id, []]));
  if (pageIds.length === 0) return out;
  const rows = await db.select().from(statusPageMonitors).where(inArray(statusPageMonitors.statusPageId, pageIds)).orderBy(asc(statusPageMonitors.position));
  for (const r of rows) out.get(r.statusPageId)?.push({ monitorId: r.monitorId, displayName: r.displayName, groupName: r.groupName });
  return out;
}

export const getStatusPage = verb("viewer", async (ctx, id: string): Promise<StatusPageOut> => {
  const page = await getStatusPageRowOrThrow(ctx, id);
  const monitors = await listedMonitors(ctx.db, [page.id]);
  return serializeStatusPage(page, monitors.get(page.id) ?? []);
});

export const listStatusPages = verb("viewer", async (ctx): Promise<StatusPageOut[]> => {
  const pages = await ctx.db.select().from(statusPages).where(eq(statusPages.workspaceId, ctx.workspaceId)).orderBy(desc(statusPages.createdAt));
  const monitors = await listedMonitors(
    ctx.db,
    pages.map((p) => p.id),
  );
  return pages.map((p) => serializeStatusPage(p, monitors.get(p.id) ?? []));
});
