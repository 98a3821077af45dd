import type IORedis from "ioredis";
import type { Db } from "../db/client";
import type { Logger } from "../log";
import { PING_GROUP, pingStreamKey, type StreamPing } from "./stream";
import { decodeCached } from "./cache";
import { storePingBatch, type StreamEntry } from "./store-pings";

type RawEntry = [id: string, fields: string[]];

export type PingConsumerOptions = {
  db: Db;
  /** A dedicated connection: XREADGROUP BLOCK holds it. */
  redis: IORedis;
  consumer: string;
  batchSize?: number;
  blockMs?: number;
  /** Entries pending longer than this on a (dead) consumer are taken over with XAUTOCLAIM. */
  claimIdleMs?: number;
  log?: Logger;
};

export async function ensurePingGroup(redis: IORedis): Promise<void> {
  try {
    // "0": a group created after pings were already queued still gets all of them.
    await redis.xgroup("CREATE", pingStreamKey(), PING_GROUP, "0", "MKSTREAM");
  } catch (err) {
    if (!String((err as Error).message).includes("BUSYGROUP")) throw err;
  }
}

function decode(raw: RawEntry[]): { good: StreamEntry[]; bad: string[] } {
  const good: StreamEntry[] = [];
  const bad: string[] = [];
  for (const [id, fields] of raw) {
    try {
      const f: Record<string, string> = {};
      for (let i = 0; i < fields.length; i += 2) f[fields[i]] = fields[i + 1];
      const c = decodeCached(f.c);
      const p = JSON.parse(f.p) as Omit<StreamPing, "monitorId" | "workspaceId">;
      good.push({ id, ping: { ...p, monitorId: c.monitorId, workspaceId: c.workspaceId } });
    } catch {
      bad.push(id);
    }
  }
  return { good, bad };
}

/**
 * The fleet's ping writer: XREADGROUP a batch, store it in one transaction, then XACK + XDEL.
 * A crash between the commit and the XACK re-delivers the batch, which the ingestId makes a no-op;
 * a crash before the commit re-delivers it too (after claimIdleMs, to whichever worker runs XAUTOCLAIM).
 */
export class PingConsumer {
  private stopped = false;
  private loop?: Promise<void>;
  private readPending = true;
  private lastClaim = 0;
  stored = 0;

  constructor(private readonly o: PingConsumerOptions) {}

  start(): this {
    this.loop = this.run();
    return this;
  }

  /** Processes whatever is there now (own pending, dead consumers' entries, new ones); returns entries handled. */
  async pollOnce(block = this.o.blockMs ?? 1000): Promise<number> {
    const stream = pingStreamKey();
    const count = this.o.batchSize ?? 1000;
    let raw: RawEntry[] = [];
    if (Date.now() - this.lastClaim > 5000) {
      this.lastClaim = Date.now();
      const res = (await this.o.redis.xautoclaim(stream, PING_GROUP, this.o.consumer, this.o.claimIdleMs ?? 30_000, "0-0", "COUNT", count)) as [
        string,
        RawEntry[],
      ];
      raw = (res?.[1] ?? []).filter((e) => e && e[1]);
    }
    if (raw.length === 0) {
      const args: (string | number)[] = ["GROUP", PING_GROUP, this.o.consumer, "COUNT", count];
      if (!this.readPending) args.push("BLOCK", block);
      args.push("STREAMS", stream, this.readPending ? "0" : ">");
      const res = (await this.o.redis.call("XREADGROUP", ...args)) as [string, RawEntry[]][] | null;
      raw = res?.[0]?.[1] ?? [];
      if (this.readPending && raw.length === 0) this.readPending = false;
    }
    if (raw.length === 0) return 0;
    const { good, bad } = decode(raw);
    if (bad.length) this.o.log?.error({ ids: bad }, "dropping undecodable ping stream entries");
    const result = await storePingBatch(this.o.db, good);
    this.stored += result.stored;
    const ids = raw.map((e) => e[0]);
    await this.o.redis
      .multi()
      .xack(stream, PING_GROUP, ...ids)
      .xdel(stream, ...ids)
      .exec();
    return raw.length;
  }

  private async run(): Promise<void> {
    await ensurePingGroup(this.o.redis);
    while (!this.stopped) {
      try {
        await this.pollOnce();
      } catch (err) {
        if (this.stopped) break;
        this.o.log?.error({ err }, "ping batch failed; will retry");
        this.readPending = true;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
  }

  async close(): Promise<void> {
    this.stopped = true;
    this.o.redis.disconnect();
    await this.loop?.catch(() => {});
  }
}
