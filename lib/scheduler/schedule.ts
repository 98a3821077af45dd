import { laneOf } from "../monitors/kinds/lane";
import { isCheckedType } from "../monitors/kinds/registry";
import type { CheckLane } from "../queue/connection";
import { MinHeap } from "./min-heap";
import { collapseMissed, phaseMs, slotAfter } from "./slots";

/** What the scheduler needs to know about a monitor. */
export type SchedulableMonitor = { id: string; type: string; paused: boolean; intervalSeconds: number; regions: string[] };

export type DueSlot = { monitorId: string; slot: number; regions: string[]; gen: number; lane: CheckLane };

type Entry = { intervalMs: number; phase: number; regions: string[]; gen: number; lane: CheckLane };

/**
 * The in-memory schedule: one heap entry per active monitor of a checked kind, keyed by its next slot.
 * Removal is lazy (a generation number per monitor), so an update or delete is O(log n) and a stale
 * heap entry is simply skipped when it surfaces. Pure: the caller passes `now`.
 */
export class Schedule {
  private entries = new Map<string, Entry>();
  private heap = new MinHeap<{ id: string; gen: number }>();
  private gen = 0;

  constructor(private readonly allRegions: string[]) {}

  get size(): number {
    return this.entries.size;
  }

  has(id: string): boolean {
    return this.entries.has(id);
  }

  ids(): string[] {
    return [...this.entries.keys()];
  }

  /**
   * Adds or updates a monitor. Slots at or before `from` count as already enqueued. An update that
   * keeps the interval keeps the monitor's place; a new interval starts from the next slot after `from`.
   */
  upsert(m: SchedulableMonitor, from: number): void {
    // A monitor without a usable interval is never scheduled (it would poison the heap with NaN slots).
    if (!isCheckedType(m.type) || m.paused || !Number.isInteger(m.intervalSeconds) || m.intervalSeconds < 1) return this.remove(m.id);
    const intervalMs = m.intervalSeconds * 1000;
    const regions = m.regions.length ? [...m.regions] : [...this.allRegions];
    const existing = this.entries.get(m.id);
    const lane = laneOf(m.type);
    if (existing && existing.intervalMs === intervalMs) {
      existing.regions = regions;
      existing.lane = lane;
      return;
    }
    const entry: Entry = { intervalMs, phase: phaseMs(m.id, intervalMs), regions, gen: ++this.gen, lane };
    this.entries.set(m.id, entry);
    this.heap.push(slotAfter(from, entry.phase, intervalMs), { id: m.id, gen: entry.gen });
  }

  remove(id: string): void {
    this.entries.delete(id);
  }

  /** Replaces the whole schedule (leader start / reconcile from the database). */
  reset(monitors: SchedulableMonitor[], from: number): void {
    this.entries.clear();
    this.heap.clear();
    for (const m of monitors) this.upsert(m, from);
  }

  /**
   * Takes every slot due by `until`. A slot already a whole interval late collapses to the latest
   * missed one. The caller enqueues them, then calls `advance` (or `restore` if enqueueing failed).
   */
  takeDue(until: number, now: number, max = 50_000): DueSlot[] {
    const out: DueSlot[] = [];
    while (out.length < max) {
      const top = this.heap.peekKey();
      if (top === undefined || top > until) break;
      const { key, value } = this.heap.pop()!;
      const entry = this.entries.get(value.id);
      if (!entry || entry.gen !== value.gen) continue;
      const slot = collapseMissed(key, now, entry.phase, entry.intervalMs);
      out.push({ monitorId: value.id, slot, regions: entry.regions, gen: entry.gen, lane: entry.lane });
    }
    return out;
  }

  advance(taken: DueSlot[]): void {
    for (const d of taken) {
      const entry = this.entries.get(d.monitorId);
      if (entry && entry.gen === d.gen) this.heap.push(d.slot + entry.intervalMs, { id: d.monitorId, gen: d.gen });
    }
  }

  restore(taken: DueSlot[]): void {
    for (const d of taken) {
      const entry = this.entries.get(d.monitorId);
      if (entry && entry.gen === d.gen) this.heap.push(d.slot, { id: d.monitorId, gen: d.gen });
    }
  }
}
