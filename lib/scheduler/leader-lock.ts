import type IORedis from "ioredis";

// Extends the lock only if we still hold it (compare-and-pexpire): a lock that expired and was taken
// by another process is never extended by its former owner.
const RENEW = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("pexpire", KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call("get", KEYS[1]) == ARGV[1] then return redis.call("del", KEYS[1]) else return 0 end`;

/**
 * Leader election with one Redis key: `SET key id NX PX ttl`, renewed every ttl/3. The holder
 * considers itself leader only until (last successful renewal + ttl − margin), measured on its own
 * clock, so when it loses Redis it stops acting before anyone else can take over.
 */
export class LeaderLock {
  private validUntil = 0;

  constructor(
    private readonly redis: IORedis,
    private readonly key: string,
    private readonly id: string,
    readonly ttlMs = 5_000,
  ) {}

  get isLeader(): boolean {
    return Date.now() < this.validUntil;
  }

  /** Acquires or renews; returns whether this process leads now. Redis errors count as "not leader". */
  async tick(): Promise<boolean> {
    const started = Date.now();
    try {
      let held: boolean;
      if (this.validUntil > 0) {
        held = (await this.redis.eval(RENEW, 1, this.key, this.id, String(this.ttlMs))) === 1;
        if (!held) held = (await this.redis.set(this.key, this.id, "PX", this.ttlMs, "NX")) === "OK";
      } else {
        held = (await this.redis.set(this.key, this.id, "PX", this.ttlMs, "NX")) === "OK";
      }
      this.validUntil = held ? started + this.ttlMs - 1_000 : 0;
    } catch {
      // Keep the current validity window: it runs out on its own if Redis stays away.
    }
    return this.isLeader;
  }

  async release(): Promise<void> {
    this.validUntil = 0;
    await this.redis.eval(RELEASE, 1, this.key, this.id).catch(() => {});
  }
}
