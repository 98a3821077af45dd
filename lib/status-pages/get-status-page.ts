import { and, asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../db/client";
import { statusPageMonitors, statusPages, type StatusPage } from "../db/schema";
import { NotFoundError } from "../errors";
import { serializeStatusPage, type StatusPageMonitorOut, type StatusPageOut } from "./serialize";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The page if it belongs to this workspace; a malformed id or another workspace's page is NotFound. */
export async function getStatusPageRowOrThrow(db: Db, workspaceId: string, id: string): Promise<StatusPage> {
  if (!UUID.test(id)) throw new NotFoundError("Status page");
  const [row] = await db.select().from(statusPages).where(and(eq(statusPages.id, id), eq(statusPages.workspaceId, workspaceId)));
  if (!row) throw new NotFoundError("Status page");
  return row;
}

export async function listedMonitors(db: Db, pageIds: string[]): Promise<Map<string, StatusPageMonitorOut[]>> {
  const out = new Map<string, StatusPageMonitorOut[]>(pageIds.map((id) => [id, []]));
  if (pageIds.length === 0) return out;
  const rows = await db
    .select()
    .from(statusPageMonitors)
    .where(inArray(statusPageMonitors.statusPageId, pageIds))
    .orderBy(asc(statusPageMonitors.position));
  for (const r of rows) out.get(r.statusPageId)?.push({ monitorId: r.monitorId, displayName: r.displayName, groupName: r.groupName });
  return out;
}

export async function getStatusPage(db: Db, workspaceId: string, id: string): Promise<StatusPageOut> {
  const page = await getStatusPageRowOrThrow(db, workspaceId, id);
  const monitors = await listedMonitors(db, [page.id]);
  return serializeStatusPage(page, monitors.get(page.id) ?? []);
}

export async function listStatusPages(db: Db, workspaceId: string): Promise<StatusPageOut[]> {
  const pages = await db.select().from(statusPages).where(eq(statusPages.workspaceId, workspaceId)).orderBy(desc(statusPages.createdAt));
  const monitors = await listedMonitors(db, pages.map((p) => p.id));
  return pages.map((p) => serializeStatusPage(p, monitors.get(p.id) ?? []));
}
