import { and, eq, inArray } from "drizzle-orm";
import { verb, type Ctx } from "../context";
import type { Tx } from "../db/client";
import { maintenanceWindows, monitors } from "../db/schema";
import { parseOrThrow, ValidationError } from "../errors";
import { notifyMonitorChange } from "../monitors/notify";
import { announceMonitorStatusChange } from "../status-pages/change-feed";
import { notifyMaintenanceSubscribers } from "./email";
import { getMaintenanceWindowRowOrThrow } from "./get-window";
import { refreshMonitorMaintenance } from "./refresh-monitors";
import { CreateMaintenanceWindowInput, UpdateMaintenanceWindowInput } from "./schemas";
import { serializeMaintenanceWindow, type MaintenanceWindowOut } from "./serialize";

/** Every listed monitor must be this workspace's: a foreign or unknown id is a field error, never a leak. */
async function assertOwnMonitors(tx: Tx, workspaceId: string, ids: string[]): Promise<void> {
  const own = await tx
    .select({ id: monitors.id })
    .from(monitors)
    .where(and(eq(monitors.workspaceId, workspaceId), inArray(monitors.id, ids)));
  const ok = new Set(own.map((r) => r.id));
  const fields: Record<string, string> = {};
  ids.forEach((id, i) => {
    if (!ok.has(id)) fields[`monitorIds.${i}`] = "No such monitor in this workspace";
  });
  if (Object.keys(fields).length) throw new ValidationError("Some monitors can't be chosen", fields);
}

/**
 * After the commit: the check workers' monitor cache and the status pages learn which monitors went in or
 * out of maintenance (their rows changed under them).
 */
async function announce(changed: string[]): Promise<void> {
  await Promise.all(changed.map((id) => notifyMonitorChange(id, "updated")));
  await announceMonitorStatusChange(changed);
}

export const createMaintenanceWindow = verb("editor", async (ctx, raw: unknown): Promise<MaintenanceWindowOut> => {
  const input = parseOrThrow(CreateMaintenanceWindowInput, raw);
  const { row, changed } = await ctx.db.transaction(async (tx) => {
    await assertOwnMonitors(tx, ctx.workspaceId, input.monitorIds);
    const [row] = await tx
      .insert(maintenanceWindows)
      .values({ workspaceId: ctx.workspaceId, ...input })
      .returning();
    // Announced to subscribers when it lies ahead (one that is already running gets its "started" email).
    if (row.startsAt > new Date()) await notifyMaintenanceSubscribers(tx, row, input.monitorIds, "scheduled", row.id);
    return { row, changed: await refreshMonitorMaintenance(tx, input.monitorIds) };
  });
  await announce(changed.length ? changed : input.monitorIds);
  return serializeMaintenanceWindow(row);
});

export const updateMaintenanceWindow = verb("editor", async (ctx: Ctx, id: string, raw: unknown): Promise<MaintenanceWindowOut> => {
  const before = await getMaintenanceWindowRowOrThrow(ctx, id);
  const changes = parseOrThrow(UpdateMaintenanceWindowInput, raw);
  // The merged window must hold together as a new one would (ends after it starts, …).
  const merged = parseOrThrow(CreateMaintenanceWindowInput, {
    title: before.title,
    description: before.description,
    monitorIds: before.monitorIds,
    startsAt: before.startsAt,
    endsAt: before.endsAt,
    recurrence: before.recurrence,
    ...changes,
  });
  const { row, changed } = await ctx.db.transaction(async (tx) => {
    await assertOwnMonitors(tx, ctx.workspaceId, merged.monitorIds);
    const [row] = await tx
      .update(maintenanceWindows)
      .set({ ...merged, updatedAt: new Date() })
      .where(and(eq(maintenanceWindows.id, before.id), eq(maintenanceWindows.workspaceId, ctx.workspaceId)))
      .returning();
    return { row, changed: await refreshMonitorMaintenance(tx, [...before.monitorIds, ...merged.monitorIds]) };
  });
  await announce(changed.length ? changed : merged.monitorIds);
  return serializeMaintenanceWindow(row);
});

export const deleteMaintenanceWindow = verb("editor", async (ctx, id: string): Promise<void> => {
  const before = await getMaintenanceWindowRowOrThrow(ctx, id);
  const changed = await ctx.db.transaction(async (tx) => {
    await tx.delete(maintenanceWindows).where(and(eq(maintenanceWindows.id, before.id), eq(maintenanceWindows.workspaceId, ctx.workspaceId)));
    return refreshMonitorMaintenance(tx, before.monitorIds);
  });
  await announce(changed.length ? changed : before.monitorIds);
});
