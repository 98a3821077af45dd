import type IORedis from "ioredis";
import type { Logger } from "../log";

export type MonitorChange = { monitorId: string; kind: string };

/**
 * Follows the monitor-changes stream (XADDed by lib/monitors/after-change.ts) with XREAD BLOCK from
 * the last id it saw, so changes reach this process within ~1 s and none is skipped across a Redis
 * reconnect. Needs a connection of its own: a blocking read holds it.
 */
export class ChangeStreamReader {
  private lastId = "$";
  private stopped = false;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly redis: IORedis,
    private readonly streamKey: string,
    private readonly onChanges: (changes: MonitorChange[]) => Promise<void> | void,
    private readonly log?: Logger,
  ) {
    // Errors surface in the read loop (logged there); the connection reconnects by itself.
    redis.on("error", () => {});
  }

  /** Remembers the stream's current end: call before loading state, so no change slips between. */
  async mark(): Promise<void> {
    const last = (await this.redis.xrevrange(this.streamKey, "+", "-", "COUNT", 1)) as [string, string[]][];
    this.lastId = last[0]?.[0] ?? "0-0";
  }

  start(): void {
    this.loop ??= this.run();
  }

  private async run(): Promise<void> {
    while (!this.stopped) {
      try {
        const reply = (await this.redis.xread("COUNT", 1000, "BLOCK", 1000, "STREAMS", this.streamKey, this.lastId)) as [string, [string, string[]][]][] | null;
        if (!reply) continue;
        const entries = reply[0]?.[1] ?? [];
        const changes: MonitorChange[] = [];
        for (const [id, fields] of entries) {
          this.lastId = id;
          const f: Record<string, string> = {};
          for (let i = 0; i + 1 < fields.length; i += 2) f[fields[i]] = fields[i + 1];
          if (f.monitorId) changes.push({ monitorId: f.monitorId, kind: f.kind ?? "updated" });
        }
        if (changes.length) await this.onChanges(changes);
      } catch (err) {
        if (this.stopped) break;
        this.log?.warn({ err }, "monitor change stream read failed; retrying");
        await new Promise((r) => setTimeout(r, 500));
      }
    }
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.redis.disconnect();
    await this.loop?.catch(() => {});
  }
}
