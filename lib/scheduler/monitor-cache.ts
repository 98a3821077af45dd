import type { Db } from "../db/client";
import type { Monitor } from "../db/schema";
import { loadMonitorsByIds } from "./monitor-source";

/**
 * Monitor configs held in memory by the check workers, so the hot path is not a database read per
 * check. Entries are dropped by the change stream (create/update/pause/delete) and expire after
 * `ttlMs` as a safety net; concurrent misses for the same monitors share one query. While Postgres is
 * unreachable an expired entry is still served (a monitor can't change without Postgres), so checks keep
 * running through a database outage instead of failing for want of their config.
 */
export class MonitorCache {
  private entries = new Map<string, { monitor: Monitor | null; at: number }>();
  private waiting = new Map<string, { resolve: (m: Monitor | null) => void; reject: (e: unknown) => void }[]>();
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 60_000,
  ) {}

  async get(id: string): Promise<Monitor | null> {
    const hit = this.entries.get(id);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.monitor;
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(id) ?? [];
      list.push({ resolve, reject });
      this.waiting.set(id, list);
      // Misses arriving within the same few ms are loaded with one `where id in (...)`.
      this.timer ??= setTimeout(() => void this.load(), 2);
    });
  }

  private async load(): Promise<void> {
    this.timer = null;
    const batch = this.waiting;
    this.waiting = new Map();
    const ids = [...batch.keys()];
    try {
      const rows = await loadMonitorsByIds(this.db, ids);
      const byId = new Map(rows.map((m) => [m.id, m]));
      const at = Date.now();
      for (const id of ids) {
        const m = byId.get(id) ?? null;
        this.entries.set(id, { monitor: m, at });
        for (const w of batch.get(id)!) w.resolve(m);
      }
    } catch (err) {
      for (const [id, list] of batch) {
        const stale = this.entries.get(id);
        for (const w of list) {
          if (stale) w.resolve(stale.monitor);
          else w.reject(err);
        }
      }
    }
  }

  invalidate(id: string): void {
    this.entries.delete(id);
  }

  clear(): void {
    this.entries.clear();
  }
}
