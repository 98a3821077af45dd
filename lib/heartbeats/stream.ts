import { env } from "../env";
import { key } from "../redis/client";
import type { PingKind } from "../db/schema";

let dbName: string | undefined;

/**
 * Heartbeat keys are namespaced by the database they belong to (on top of REDIS_PREFIX): the stream's
 * entries and the token cache only make sense for one database, and this keeps a process pointed at
 * another database (a test's own, a staging copy) from consuming or warming them.
 */
export function hbKey(...parts: (string | number)[]): string {
  dbName ??= new URL(env.DATABASE_URL).pathname.replace(/^\//, "") || "db";
  return key("hb", dbName, ...parts);
}

/** The durable queue between the ingest and the fleet's batch writer (a Redis stream with a consumer group). */
export const pingStreamKey = () => hbKey("pings");
export const PING_GROUP = "ping-writers";

/** One accepted ping as it travels through the stream (field "p", JSON). */
export type StreamPing = {
  monitorId: string;
  workspaceId: string;
  kind: PingKind;
  exitCode: number | null;
  receivedAt: number;
  sourceIp: string | null;
  userAgent: string | null;
  body: string | null;
  bodyTruncated: boolean;
};
