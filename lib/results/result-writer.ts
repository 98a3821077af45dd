import type { Db } from "../db/client";
import type { Logger } from "../log";
import type { CheckRecord, WriteOutcome } from "./types";
import { writeResultBatch } from "./write-batch";

type Pending = { record: CheckRecord; key: string; resolve: (o: WriteOutcome) => void; at: number };

export type ResultWriterOptions = {
  /** Longest a row waits for companions before a flush. */
  flushMs?: number;
  /** Flush as soon as this many rows wait (set near the worker's concurrency / 2). */
  flushAt?: number;
  /** Rows per INSERT. */
  maxBatch?: number;
  /** Batches written at the same time (Postgres round trips overlap; each batch is one statement). */
  maxInFlight?: number;
  /** Rows held in memory at most; past it `write` waits (backpressure), nothing is dropped. */
  maxBuffer?: number;
  log?: Logger;
  write?: typeof writeResultBatch;
};

/**
 * Buffers check results and writes them in batches (one transaction per batch). `write` resolves once
 * the row is durable, so a job completes only after its result is stored: a worker killed before that
 * leaves the job to be retried, never a lost result. When Postgres fails the batch stays in the buffer
 * and is retried with backoff for as long as it takes; a full buffer makes callers wait.
 */
export class ResultWriter {
  private buffer: Pending[] = [];
  private spaceWaiters: (() => void)[] = [];
  private timer: NodeJS.Timeout | null = null;
  private inFlight = 0;
  // (monitor, region) keys being written: a later result of the same key waits, so counters stay exact.
  private busyKeys = new Set<string>();
  private failures = 0;
  // No flush before this time while Postgres is failing (backoff), whatever arrives meanwhile.
  private retryAt = 0;
  private closed = false;
  readonly opts: Required<Omit<ResultWriterOptions, "log">> & { log?: Logger };
  stats = { written: 0, batches: 0, failedFlushes: 0, lastError: null as string | null };

  constructor(
    private readonly db: Db,
    opts: ResultWriterOptions = {},
  ) {
    this.opts = {
      flushMs: opts.flushMs ?? 250,
      flushAt: Math.max(1, opts.flushAt ?? 200),
      maxBatch: opts.maxBatch ?? 1000,
      maxBuffer: opts.maxBuffer ?? 10_000,
      maxInFlight: opts.maxInFlight ?? 4,
      write: opts.write ?? writeResultBatch,
      log: opts.log,
    };
  }

  get pending(): number {
    return this.buffer.length;
  }

  async write(record: CheckRecord): Promise<WriteOutcome> {
    while (this.buffer.length >= this.opts.maxBuffer) await new Promise<void>((r) => this.spaceWaiters.push(r));
    return new Promise<WriteOutcome>((resolve) => {
      this.buffer.push({ record, key: `${record.monitorId}|${record.region}`, resolve, at: Date.now() });
      this.schedule();
    });
  }

  private schedule(delay?: number): void {
    if (this.inFlight >= this.opts.maxInFlight || this.buffer.length === 0) return;
    if (delay === undefined) {
      if (this.buffer.length >= this.opts.flushAt) delay = 0;
      else delay = Math.max(0, this.buffer[0].at + this.opts.flushMs - Date.now());
    }
    delay = Math.max(delay, this.retryAt - Date.now());
    if (this.timer) {
      if (delay > 0) return;
      clearTimeout(this.timer);
    }
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.flush();
    }, delay);
  }

  /** One batch: at most one row per (monitor, region), oldest first; later duplicates wait their turn. */
  private take(): Pending[] {
    const seen = new Set<string>();
    const batch: Pending[] = [];
    const rest: Pending[] = [];
    for (const p of this.buffer) {
      if (batch.length < this.opts.maxBatch && !seen.has(p.key) && !this.busyKeys.has(p.key)) {
        seen.add(p.key);
        batch.push(p);
      } else rest.push(p);
    }
    this.buffer = rest;
    return batch;
  }

  private async flush(): Promise<void> {
    if (this.inFlight >= this.opts.maxInFlight || this.buffer.length === 0) return;
    const batch = this.take();
    if (batch.length === 0) return; // everything waiting is behind a batch in flight
    this.inFlight++;
    for (const p of batch) this.busyKeys.add(p.key);
    this.schedule(); // another batch may already be due: overlap it with this one
    let retryIn: number | undefined;
    try {
      const outcomes = await this.opts.write(
        this.db,
        batch.map((p) => p.record),
      );
      this.failures = 0;
      this.retryAt = 0;
      this.stats.written += batch.length;
      this.stats.batches++;
      batch.forEach((p, i) => p.resolve(outcomes[i]));
    } catch (err) {
      // Keep the rows (in front, so order is kept) and retry: 100 ms, 200 ms … capped at 5 s.
      this.buffer = batch.concat(this.buffer);
      this.failures++;
      this.stats.failedFlushes++;
      this.stats.lastError = err instanceof Error ? err.message : String(err);
      retryIn = Math.min(5_000, 100 * 2 ** Math.min(this.failures - 1, 6));
      this.retryAt = Date.now() + retryIn;
      this.opts.log?.warn({ err, rows: batch.length, retryIn }, "writing check results failed; will retry");
    } finally {
      this.inFlight--;
      for (const p of batch) this.busyKeys.delete(p.key);
    }
    while (this.spaceWaiters.length && this.buffer.length < this.opts.maxBuffer) this.spaceWaiters.shift()!();
    this.schedule(retryIn);
  }

  /** Waits until every buffered row is written, or the deadline passes (rows then stay unwritten). */
  async close(timeoutMs = 10_000): Promise<void> {
    this.closed = true;
    const deadline = Date.now() + timeoutMs;
    while ((this.buffer.length || this.inFlight) && Date.now() < deadline) {
      if (!this.timer) this.schedule(0);
      await new Promise((r) => setTimeout(r, 20));
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  get isClosed(): boolean {
    return this.closed;
  }
}
