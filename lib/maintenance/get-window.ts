import { and, desc, eq } from "drizzle-orm";
import { verb, type Ctx } from "../context";
import { maintenanceWindows, type MaintenanceWindow } from "../db/schema";
import { NotFoundError } from "../errors";
import { serializeMaintenanceWindow, type MaintenanceWindowOut } from "./serialize";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The window if it is this workspace's; a malformed id or another workspace's window is NotFound. */
export async function getMaintenanceWindowRowOrThrow(ctx: Ctx, id: string): Promise<MaintenanceWindow> {
  if (!UUID.test(id)) throw new NotFoundError("Maintenance window");
  const [row] = await ctx.db
    .select()
    .from(maintenanceWindows)
    .where(and(eq(maintenanceWindows.id, id), eq(maintenanceWindows.workspaceId, ctx.workspaceId)));
  if (!row) throw new NotFoundError("Maintenance window");
  return row;
}

export const getMaintenanceWindow = verb("viewer", async (ctx, id: string): Promise<MaintenanceWindowOut> =>
  serializeMaintenanceWindow(await getMaintenanceWindowRowOrThrow(ctx, id)),
);

export const listMaintenanceWindows = verb("viewer", async (ctx): Promise<MaintenanceWindowOut[]> => {
  const rows = await ctx.db
    .select()
    .from(maintenanceWindows)
    .where(eq(maintenanceWindows.workspaceId, ctx.workspaceId))
    .orderBy(desc(maintenanceWindows.startsAt))
    .limit(500);
  const now = new Date();
  return rows.map((r) => serializeMaintenanceWindow(r, now));
});
