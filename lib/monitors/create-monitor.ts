import type { Db } from "../db/client";
import { monitors, type Monitor } from "../db/schema";
import { monitorColumns, newPingToken } from "./columns";
import { notifyMonitorChange } from "./notify";
import { validateMonitorInput } from "./validate";

/** Creates a monitor in the caller's workspace (from the session or API key, never from input). */
export async function createMonitor(db: Db, workspaceId: string, input: unknown): Promise<Monitor> {
  const values = validateMonitorInput(input);
  const [row] = await db
    .insert(monitors)
    .values({
      workspaceId,
      type: values.type,
      ...monitorColumns(values),
      pingToken: values.type === "heartbeat" ? newPingToken() : null,
    })
    .returning();
  await notifyMonitorChange(row.id, "created");
  return row;
}
