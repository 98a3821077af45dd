import type { Requester, UpstashRequest, UpstashResponse } from "@upstash/redis";
import type IORedis from "ioredis";

type Command = (string | number | boolean)[];

/** ioredis turns some replies into objects (HGETALL); Upstash's REST API returns flat arrays. */
function toRestShape(reply: unknown): unknown {
  if (reply === null || reply === undefined) return null;
  if (Buffer.isBuffer(reply)) return reply.toString();
  if (Array.isArray(reply)) return reply.map(toRestShape);
  if (reply instanceof Error) return reply.message;
  if (typeof reply === "object")
    return Object.entries(reply as Record<string, unknown>)
      .flat()
      .map(toRestShape);
  return reply;
}

function split(command: Command): [string, string[]] {
  const [name, ...args] = command.map(String);
  return [name, args];
}

async function run(client: IORedis, command: Command): Promise<UpstashResponse<unknown>> {
  try {
    const [name, args] = split(command);
    return { result: toRestShape(await client.call(name, ...args)) };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}

/**
 * Speaks Upstash's REST request shape over a plain Redis connection, so the app has one client
 * interface (`@upstash/redis`) whether it runs against Upstash or the REDIS_URL that BullMQ uses.
 * Replies are returned decoded (no base64): this requester stands in for Upstash's HttpClient, which
 * would decode them itself.
 */
export function ioredisRequester(client: IORedis): Requester {
  return {
    async request<TResult>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
      const path = req.path?.[0];
      if (path === "pipeline") {
        // Sent back to back on one connection, so Redis runs them in order (not atomically: like Upstash).
        const commands = req.body as Command[];
        return (await Promise.all(commands.map((c) => run(client, c)))) as unknown as UpstashResponse<TResult>;
      }
      if (path === "multi-exec") {
        // `call` per command rather than `multi(commands)`: the latter looks commands up as methods
        // by name and throws on the upper-case ones Upstash sends (XADD, XACK …).
        const multi = client.multi();
        for (const c of req.body as Command[]) {
          const [name, args] = split(c);
          multi.call(name, ...args);
        }
        // A command Redis refuses to queue aborts the whole transaction (EXECABORT): exec rejects and
        // so does this request, as Upstash's REST API answers such a transaction with an error.
        const replies = (await multi.exec()) ?? [];
        return replies.map(([err, value]) => (err ? { error: err.message } : { result: toRestShape(value) })) as unknown as UpstashResponse<TResult>;
      }
      return (await run(client, req.body as Command)) as UpstashResponse<TResult>;
    },
  };
}
