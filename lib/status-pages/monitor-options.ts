import { and, asc, eq, inArray } from "drizzle-orm";
import { verb } from "../context";
import { monitors } from "../db/schema";

/**
 * The editor's monitor picker: this workspace's monitors by name, capped so a 10,000-monitor workspace
 * doesn't ship a 10,000-option list; monitors already listed on the page are always included.
 */
export const monitorOptions = verb("viewer", async (ctx, opts: { include?: string[]; limit?: number } = {}): Promise<{ id: string; name: string }[]> => {
  const { db, workspaceId } = ctx;
  const cols = { id: monitors.id, name: monitors.name };
  const [first, listed] = await Promise.all([
    db
      .select(cols)
      .from(monitors)
      .where(eq(monitors.workspaceId, workspaceId))
      .orderBy(asc(monitors.name))
      .limit(opts.limit ?? 2_000),
    opts.include?.length
      ? db
          .select(cols)
          .from(monitors)
          .where(and(eq(monitors.workspaceId, workspaceId), inArray(monitors.id, opts.include)))
      : [],
  ]);
  const byId = new Map([...first, ...listed].map((m) => [m.id, m]));
  return [...byId.values()].sort((a, b) => a.name.localeCompare(b.name));
});
