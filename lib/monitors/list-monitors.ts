import { and, count, desc, eq, gt, ilike, lte, sql, type SQL } from "drizzle-orm";
import { z } from "zod";
import { verb } from "../context";
import { KIND_TYPES } from "./kinds/registry";
import { monitors, type Monitor } from "../db/schema";
import { parseOrThrow, ValidationError } from "../errors";

export const LIST_STATUSES = ["up", "down", "pending", "paused"] as const;
export type ListStatus = (typeof LIST_STATUSES)[number];
// "maintenance" filters but is not counted: a monitor under maintenance also counts as up, down or paused.
const LIST_FILTERS = [...LIST_STATUSES, "maintenance"] as const;
type ListFilter = (typeof LIST_FILTERS)[number];

export const ListMonitorsQuery = z.strictObject({
  limit: z.coerce
    .number({ error: "Limit must be a number" })
    .int("Limit must be a whole number")
    .min(1, "Limit must be at least 1")
    .max(100, "Limit must be at most 100")
    .default(50),
  cursor: z.string().max(200, "Invalid cursor").optional(),
  status: z.enum(LIST_FILTERS, { error: "Status must be up, down, pending, paused or maintenance" }).optional(),
  type: z.enum(KIND_TYPES, { error: `Type must be one of ${KIND_TYPES.join(", ")}` }).optional(),
  q: z.string().trim().max(100, "Search must be at most 100 characters").optional(),
});
export type ListMonitorsQuery = z.input<typeof ListMonitorsQuery>;

// Postgres keeps microseconds; a JS Date would drop them and skip rows, so the cursor carries the text form.
const createdAtText = sql<string>`to_char(${monitors.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const CURSOR = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z)\|([0-9a-f-]{36})$/;

function encodeCursor(createdAt: string, id: string): string {
  return Buffer.from(`${createdAt}|${id}`).toString("base64url");
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  const m = CURSOR.exec(Buffer.from(cursor, "base64url").toString());
  if (!m) throw new ValidationError("Invalid cursor", { cursor: "Invalid cursor; pass nextCursor from the previous page" });
  return { createdAt: m[1], id: m[2] };
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function filters(workspaceId: string, q: { status?: ListFilter; type?: Monitor["type"]; q?: string }): SQL[] {
  const where: SQL[] = [eq(monitors.workspaceId, workspaceId)];
  if (q.type) where.push(eq(monitors.type, q.type));
  if (q.status === "paused") where.push(eq(monitors.paused, true));
  // The current maintenance span kept on the row (lib/maintenance) covers now: the same rule as underMaintenance().
  else if (q.status === "maintenance") where.push(lte(monitors.maintenanceStartsAt, sql`now()`), gt(monitors.maintenanceEndsAt, sql`now()`));
  else if (q.status) where.push(eq(monitors.paused, false), eq(monitors.status, q.status));
  if (q.q) where.push(ilike(monitors.name, `%${escapeLike(q.q)}%`));
  return where;
}

/**
 * One page of the workspace's monitors, newest first, with filters. Keyset paging on
 * (createdAt, id) keeps every page one indexed query, however many monitors a workspace has.
 */
export const listMonitors = verb("viewer", async (ctx, query: ListMonitorsQuery = {}): Promise<{ monitors: Monitor[]; nextCursor: string | null }> => {
  const q = parseOrThrow(ListMonitorsQuery, query);
  const where = filters(ctx.workspaceId, q);
  if (q.cursor) {
    const c = decodeCursor(q.cursor);
    where.push(sql`(${monitors.createdAt}, ${monitors.id}) < (${c.createdAt}::timestamptz, ${c.id}::uuid)`);
  }
  const rows = await ctx.db
    .select({ monitor: monitors, createdAtText })
    .from(monitors)
    .where(and(...where))
    .orderBy(desc(monitors.createdAt), desc(monitors.id))
    .limit(q.limit + 1);
  const page = rows.slice(0, q.limit);
  const last = page[page.length - 1];
  return { monitors: page.map((r) => r.monitor), nextCursor: rows.length > q.limit && last ? encodeCursor(last.createdAtText, last.monitor.id) : null };
});

/** Counts by list status for the page header ("3 up · 1 down"); one grouped query. */
export const countMonitorsByStatus = verb("viewer", async (ctx): Promise<Record<ListStatus, number> & { total: number }> => {
  const rows = await ctx.db
    .select({ paused: monitors.paused, status: monitors.status, n: count() })
    .from(monitors)
    .where(eq(monitors.workspaceId, ctx.workspaceId))
    .groupBy(monitors.paused, monitors.status);
  const out = { up: 0, down: 0, pending: 0, paused: 0, total: 0 };
  for (const r of rows) {
    out[r.paused ? "paused" : r.status] += r.n;
    out.total += r.n;
  }
  return out;
});
