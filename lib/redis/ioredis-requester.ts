import type { Requester, UpstashRequest, UpstashResponse } from "@upstash/redis";
import type IORedis from "ioredis";

type Command = (string | number | boolean)[];

/** ioredis turns some replies into objects (HGETALL); Upstash's REST API returns flat arrays. */
function toRestShape(reply: unknown): unknown {
  if (reply === null || reply === undefined) return null;
  if (Buffer.isBuffer(reply)) return reply.toString();
  if (Array.isArray(reply)) return reply.map(toRestShape);
  if (typeof reply === "object") return Object.entries(reply as Record<string, unknown>).flat();
  return reply;
}

async function run(client: IORedis, command: Command): Promise<UpstashResponse<unknown>> {
  try {
    const [name, ...args] = command.map(String);
    return { result: toRestShape(await client.call(name, ...args)) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Speaks Upstash's REST request shape over a plain Redis connection, so the app has one client
 * interface (`@upstash/redis`) whether it runs against Upstash or the REDIS_URL that BullMQ uses.
 */
export function ioredisRequester(client: IORedis): Requester {
  return {
    async request<TResult>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
      const path = req.path?.[0];
      if (path === "pipeline") {
        const commands = req.body as Command[];
        return (await Promise.all(commands.map((c) => run(client, c)))) as unknown as UpstashResponse<TResult>;
      }
      if (path === "multi-exec") {
        const commands = req.body as Command[];
        const multi = client.multi(commands.map((c) => c.map(String)) as [string, ...string[]][]);
        const replies = (await multi.exec()) ?? [];
        return replies.map(([err, value]) =>
          err ? { error: err.message } : { result: toRestShape(value) },
        ) as unknown as UpstashResponse<TResult>;
      }
      return (await run(client, req.body as Command)) as UpstashResponse<TResult>;
    },
  };
}
