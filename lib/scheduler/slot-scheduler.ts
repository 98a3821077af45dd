import type IORedis from "ioredis";
import type { Db } from "../db/client";
import type { Logger } from "../log";
import { laneOf } from "../monitors/kinds/lane";
import type { CheckJobData } from "../queue/check-jobs";
import { LeaderLock } from "./leader-lock";
import { loadSchedulableMonitors, loadSchedulableMonitorsByIds } from "./monitor-source";
import { Schedule, type DueSlot, type SchedulableMonitor } from "./schedule";
import type { MonitorChange } from "./change-stream";

// Slots per tick at most, so one tick's addBulk stays bounded after a long gap (the rest go next tick).
const MAX_PER_TICK = 20_000;

export type SlotSchedulerDeps = {
  db: Db;
  redis: IORedis;
  /** Adds check jobs (idempotent per job id), each delayed until its slot. */
  enqueue: (jobs: CheckJobData[]) => Promise<void>;
  regions: string[];
  instanceId: string;
  keys: { lock: string; horizon: string };
  log?: Logger;
  tickMs?: number;
  lookaheadMs?: number;
  reconcileMs?: number;
  lockTtlMs?: number;
};

/**
 * The scheduler: runs in every worker process, but only the holder of the leader lock enqueues.
 * The leader keeps every active monitor in a min-heap keyed by its next slot and, each tick, enqueues
 * the slots due within `lookaheadMs` with a BullMQ delay so they start on time. It records in Redis the
 * time up to which slots are enqueued (the horizon): a new leader resumes right after it, so a
 * failover neither repeats nor skips slots, and a gap (Redis or scheduler outage) runs each missed
 * monitor once. Job ids make any overlap harmless anyway.
 */
type MonitorsRead = { kind: "reconcile"; rows: SchedulableMonitor[] } | { kind: "changes"; ids: string[]; rows: SchedulableMonitor[] };

export class SlotScheduler {
  readonly schedule: Schedule;
  private readonly lock: LeaderLock;
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private leading = false;
  private lastLockTick = 0;
  private lastReconcile = 0;
  private running: Promise<void> = Promise.resolve();
  private pendingChanges: MonitorChange[] = [];
  // Database reads run beside the tick and are applied by a later one: a slow or unreachable Postgres
  // must never hold back the slots already in the heap (they need only Redis).
  private reading: Promise<void> | null = null;
  private readResult: MonitorsRead | null = null;
  readonly stats = { enqueued: 0, ticks: 0, lastTickMs: 0, leaderSince: 0 as number };
  private readonly o: Required<Pick<SlotSchedulerDeps, "tickMs" | "lookaheadMs" | "reconcileMs" | "lockTtlMs">>;

  constructor(private readonly d: SlotSchedulerDeps) {
    this.schedule = new Schedule(d.regions);
    this.o = { tickMs: d.tickMs ?? 200, lookaheadMs: d.lookaheadMs ?? 1_000, reconcileMs: d.reconcileMs ?? 30_000, lockTtlMs: d.lockTtlMs ?? 5_000 };
    this.lock = new LeaderLock(d.redis, d.keys.lock, d.instanceId, this.o.lockTtlMs);
  }

  get isLeader(): boolean {
    return this.leading && this.lock.isLeader;
  }

  start(): void {
    const loop = async () => {
      if (this.stopped) return;
      this.running = this.tick().catch((err) => this.d.log?.error({ err }, "scheduler tick failed"));
      await this.running;
      if (!this.stopped) this.timer = setTimeout(loop, this.o.tickMs);
    };
    void loop();
  }

  /** Called by the change-stream reader: applied at the next tick (leader only). */
  onChanges(changes: MonitorChange[]): void {
    this.pendingChanges.push(...changes);
  }

  async tick(now = Date.now()): Promise<void> {
    this.stats.ticks++;
    const t0 = Date.now();
    if (now - this.lastLockTick >= this.o.lockTtlMs / 5 || !this.lock.isLeader) {
      this.lastLockTick = now;
      await this.lock.tick();
    }
    if (!this.lock.isLeader) {
      if (this.leading) this.d.log?.warn("scheduler lost leadership");
      this.leading = false;
      this.pendingChanges = [];
      this.readResult = null;
      return;
    }
    if (!this.leading) await this.becomeLeader(now);
    await this.applyRead(now);
    this.startRead(now);
    await this.enqueueDue(now);
    this.stats.lastTickMs = Date.now() - t0;
  }

  private async becomeLeader(now: number): Promise<void> {
    const raw = await this.d.redis.get(this.d.keys.horizon);
    // Slots up to the horizon were enqueued by the previous leader; without one, start from now.
    const horizon = raw ? Math.min(Number(raw), now + this.o.lookaheadMs) : now;
    this.schedule.reset(await loadSchedulableMonitors(this.d.db), horizon);
    this.pendingChanges = [];
    this.lastReconcile = now;
    this.leading = true;
    this.stats.leaderSince = now;
    this.d.log?.info({ monitors: this.schedule.size, horizon }, "scheduler is leader");
  }

  /** Starts at most one database read at a time: pending changes first, else a due reconcile. */
  private startRead(now: number): void {
    if (this.reading || this.readResult) return;
    let read: Promise<MonitorsRead>;
    if (this.pendingChanges.length) {
      const ids = [...new Set(this.pendingChanges.map((c) => c.monitorId))].filter((id) => /^[0-9a-f-]{36}$/i.test(id));
      const changes = this.pendingChanges;
      this.pendingChanges = [];
      read = loadSchedulableMonitorsByIds(this.d.db, ids)
        .then((rows) => ({ kind: "changes" as const, ids, rows }))
        .catch((err) => {
          this.pendingChanges.unshift(...changes); // tried again by a later tick
          throw err;
        });
    } else if (now - this.lastReconcile >= this.o.reconcileMs) {
      this.lastReconcile = now;
      read = loadSchedulableMonitors(this.d.db).then((rows) => ({ kind: "reconcile" as const, rows }));
    } else return;
    this.reading = read
      .then((r) => void (this.readResult = r))
      .catch((err) => this.d.log?.warn({ err }, "scheduler could not read monitors; keeps scheduling what it has"))
      .finally(() => (this.reading = null));
  }

  private async applyRead(now: number): Promise<void> {
    const r = this.readResult;
    this.readResult = null;
    if (r?.kind === "reconcile") this.applyReconcile(r.rows, now);
    if (r?.kind === "changes") await this.applyChanges(r.ids, r.rows, now);
  }

  /** Database is the truth: adds what is missing, drops what is gone or paused, updates intervals. */
  private applyReconcile(rows: SchedulableMonitor[], now: number): { added: number; removed: number } {
    const active = new Set<string>();
    let added = 0;
    for (const m of rows) {
      const had = this.schedule.has(m.id);
      this.schedule.upsert(m, now);
      if (this.schedule.has(m.id)) {
        active.add(m.id);
        if (!had) added++;
      }
    }
    let removed = 0;
    for (const id of this.schedule.ids()) {
      if (!active.has(id)) {
        this.schedule.remove(id);
        removed++;
      }
    }
    if (added || removed) this.d.log?.info({ added, removed }, "scheduler reconciled with the database");
    return { added, removed };
  }

  private async applyChanges(ids: string[], found: SchedulableMonitor[], now: number): Promise<void> {
    const rows = new Map(found.map((m) => [m.id, m]));
    const first: CheckJobData[] = [];
    for (const id of ids) {
      const m = rows.get(id);
      if (!m) {
        this.schedule.remove(id);
        continue;
      }
      const was = this.schedule.has(id);
      this.schedule.upsert(m, now);
      // A new or resumed monitor is checked at once instead of waiting up to a whole interval.
      if (!was && this.schedule.has(id)) {
        const lane = laneOf(m.type);
        for (const region of m.regions.length ? m.regions : this.d.regions)
          first.push({ monitorId: id, region, slot: now, kind: "first", ...(lane === "default" ? {} : { lane }) });
      }
    }
    if (first.length) await this.d.enqueue(first);
  }

  private async enqueueDue(now: number): Promise<void> {
    const until = now + this.o.lookaheadMs;
    const due: DueSlot[] = this.schedule.takeDue(until, now, MAX_PER_TICK);
    if (due.length) {
      const jobs: CheckJobData[] = [];
      for (const s of due)
        for (const region of s.regions)
          jobs.push({ monitorId: s.monitorId, region, slot: s.slot, kind: "slot", ...(s.lane === "default" ? {} : { lane: s.lane }) });
      try {
        await this.d.enqueue(jobs);
      } catch (err) {
        this.schedule.restore(due);
        throw err;
      }
      this.schedule.advance(due);
      this.stats.enqueued += jobs.length;
    }
    // If the tick hit its batch cap, only the slots taken so far are enqueued (heap order: the last is latest).
    const horizon = due.length >= MAX_PER_TICK ? due[due.length - 1].slot : until;
    await this.d.redis.set(this.d.keys.horizon, String(horizon), "PX", 86_400_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.reading;
    if (this.leading) await this.lock.release();
    this.leading = false;
  }
}
