import { verb } from "../context";
import { monitors, type Monitor } from "../db/schema";
import { assertMonitorWithinQuotas, withinCountQuota } from "../quotas/quotas";
import { monitorColumns, newPingToken } from "./columns";
import { notifyMonitorChange } from "./notify";
import { validateMonitorInput } from "./validate";

/** Creates a monitor in the caller's workspace (from the session or API key, never from input). */
export const createMonitor = verb("editor", async (ctx, input: unknown): Promise<Monitor> => {
  const values = validateMonitorInput(input);
  const row = await withinCountQuota(ctx, "monitors", async (tx, quotas) => {
    assertMonitorWithinQuotas(quotas, values);
    const [created] = await tx
      .insert(monitors)
      .values({
        workspaceId: ctx.workspaceId,
        type: values.type,
        ...monitorColumns(values),
        pingToken: values.type === "heartbeat" ? newPingToken() : null,
      })
      .returning();
    return created;
  });
  await notifyMonitorChange(row.id, "created");
  return row;
});
