import { newestFirst } from "../db/order";
import { and, eq } from "drizzle-orm";
import { verb } from "../context";
import { heartbeatPings, monitors } from "../db/schema";
import { NotFoundError } from "../errors";

export type PingView = {
  id: number;
  monitorId: string;
  receivedAt: string;
  kind: string;
  exitCode: number | null;
  durationMs: number | null;
  sourceIp: string | null;
  userAgent: string | null;
  body: string | null;
  bodyTruncated: boolean;
};

/** The last pings of a monitor of this workspace, newest first (another workspace's monitor is NotFound). */
export const listPings = verb("viewer", async (ctx, monitorId: string, limit: number = 50): Promise<PingView[]> => {
  const { db, workspaceId } = ctx;
  if (!/^[0-9a-f-]{36}$/i.test(monitorId)) throw new NotFoundError("Monitor");
  const [m] = await db
    .select({ id: monitors.id })
    .from(monitors)
    .where(and(eq(monitors.id, monitorId), eq(monitors.workspaceId, workspaceId)));
  if (!m) throw new NotFoundError("Monitor");
  const rows = await db
    .select()
    .from(heartbeatPings)
    .where(eq(heartbeatPings.monitorId, monitorId))
    .orderBy(newestFirst(heartbeatPings.receivedAt))
    .limit(Math.min(Math.max(1, limit), 200));
  return rows.map((r) => ({
    id: r.id,
    monitorId: r.monitorId,
    receivedAt: r.receivedAt.toISOString(),
    kind: r.kind,
    exitCode: r.exitCode,
    durationMs: r.durationMs,
    sourceIp: r.sourceIp,
    userAgent: r.userAgent,
    body: r.body,
    bodyTruncated: r.bodyTruncated,
  }));
});
