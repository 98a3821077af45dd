import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { Schedule } from "./schedule";
import { alignedSlotAtOrBefore, collapseMissed, phaseMs, slotAfter, slotAtOrBefore } from "./slots";

/** Per-second start counts over one LCM window for the given slot function. */
function perSecondLoad(ids: { id: string; intervalMs: number }[], slot: (id: string, intervalMs: number, t: number) => number, windowMs: number) {
  const counts = new Array<number>(windowMs / 1000).fill(0);
  const t0 = 1_800_000_000_000; // a multiple of 300 s
  for (const { id, intervalMs } of ids) {
    for (let s = slot(id, intervalMs, t0); s < t0 + windowMs; s += intervalMs) if (s >= t0) counts[Math.floor((s - t0) / 1000)]++;
  }
  const mean = counts.reduce((a, b) => a + b, 0) / counts.length;
  return { max: Math.max(...counts), mean };
}

describe("slot math", () => {
  it("gives each monitor a stable phase inside its interval", () => {
    const id = randomUUID();
    expect(phaseMs(id, 60_000)).toBe(phaseMs(id, 60_000));
    for (let i = 0; i < 1000; i++) {
      const p = phaseMs(randomUUID(), 30_000);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThan(30_000);
    }
  });

  it("computes slots without drift: every slot is phase + k·interval however late it is asked", () => {
    const id = randomUUID();
    const I = 30_000;
    const p = phaseMs(id, I);
    let t = 1_700_000_000_123;
    let slot = slotAfter(t, p, I);
    for (let k = 0; k < 10_000; k++) {
      expect((slot - p) % I).toBe(0);
      // Ask at a random late moment inside the slot's window: the next slot is still exact.
      t = slot + Math.floor(Math.random() * (I - 1));
      const next = slotAfter(t, p, I);
      expect(next - slot).toBe(I);
      slot = next;
    }
    expect(slotAtOrBefore(slot, p, I)).toBe(slot);
  });

  it("collapses a gap to the single latest missed slot", () => {
    const I = 10_000;
    const p = 1234;
    const planned = slotAfter(1_700_000_000_000, p, I);
    expect(collapseMissed(planned, planned + 5_000, p, I)).toBe(planned); // late but still the latest
    const now = planned + 95_000; // nine more slots have passed
    expect(collapseMissed(planned, now, p, I)).toBe(slotAtOrBefore(now, p, I));
  });

  it("spreads 10,000 monitors with intervals 30/60/300 s flat, unlike slots aligned to the interval", () => {
    const intervals = [30_000, 60_000, 300_000];
    const ids = Array.from({ length: 10_000 }, (_, i) => ({ id: randomUUID(), intervalMs: intervals[i % 3] }));
    const ours = perSecondLoad(ids, (id, I, t) => slotAfter(t - 1, phaseMs(id, I), I), 300_000);
    const aligned = perSecondLoad(ids, (_id, I, t) => alignedSlotAtOrBefore(t + I - 1, I), 300_000);
    expect(ours.mean).toBeCloseTo(aligned.mean, 5);
    // Random phases: the max of 300 one-second bins sits ~2.5–3 σ of Poisson noise above the mean (≈178/s).
    expect(ours.max / ours.mean).toBeLessThan(1.3);
    expect(aligned.max / aligned.mean).toBeGreaterThan(15);
  });
});

describe("schedule", () => {
  const m = (id: string, intervalSeconds = 10, extra: Partial<{ paused: boolean; regions: string[] }> = {}) => ({
    id,
    type: "http",
    paused: false,
    intervalSeconds,
    regions: [],
    ...extra,
  });

  it("hands out each slot once, in order, for every region of the monitor", () => {
    const s = new Schedule(["eu", "us"]);
    const id = randomUUID();
    const t0 = 1_700_000_000_000;
    s.upsert(m(id), t0);
    const seen: number[] = [];
    for (let now = t0; now < t0 + 60_000; now += 200) {
      const due = s.takeDue(now + 1000, now);
      for (const d of due) {
        expect(d.regions).toEqual(["eu", "us"]);
        seen.push(d.slot);
      }
      s.advance(due);
    }
    // Every slot in (t0, last tick + lookahead] exactly once: 6 or 7 depending on the phase.
    const p = phaseMs(id, 10_000);
    const expected = Math.floor((t0 + 59_800 + 1000 - p) / 10_000) - Math.floor((t0 - p) / 10_000);
    expect(seen.length).toBe(expected);
    expect(new Set(seen).size).toBe(expected);
    seen.forEach((slot, i) => i > 0 && expect(slot - seen[i - 1]).toBe(10_000));
  });

  it("runs a missed slot once after a gap and gives back slots whose enqueue failed", () => {
    const s = new Schedule(["eu"]);
    const id = randomUUID();
    const t0 = 1_700_000_000_000;
    s.upsert(m(id), t0);
    const later = t0 + 95_000;
    const due = s.takeDue(later + 1000, later);
    expect(due).toHaveLength(1);
    s.restore(due);
    const again = s.takeDue(later + 1000, later);
    expect(again.map((d) => d.slot)).toEqual(due.map((d) => d.slot));
    s.advance(again);
    expect(s.takeDue(later, later)).toHaveLength(0); // the next slot is in the future: nothing else missed
  });

  it("drops paused and deleted monitors and reschedules on an interval change", () => {
    const s = new Schedule(["eu"]);
    const a = randomUUID();
    const b = randomUUID();
    const t0 = 1_700_000_000_000;
    s.upsert(m(a), t0);
    s.upsert(m(b), t0);
    s.upsert(m(a, 10, { paused: true }), t0);
    s.remove(b);
    expect(s.takeDue(t0 + 60_000, t0)).toHaveLength(0);
    s.upsert(m(a, 20), t0);
    const due = s.takeDue(t0 + 20_000, t0);
    expect(due).toHaveLength(1);
    expect((due[0].slot - phaseMs(a, 20_000)) % 20_000).toBe(0);
  });
});
