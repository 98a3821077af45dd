import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BATCH_MAX_CHECKS, BATCH_SPAN_MS, batchCheckJobs, CheckBatchData, checkBatchJobId, checksOfJob, type CheckJobData } from "./check-jobs";

const slot = (at: number, o: Partial<CheckJobData> = {}): CheckJobData => ({ monitorId: randomUUID(), region: "eu", slot: at, kind: "slot", ...o });

describe("batching planned slots", () => {
  it("cuts a region's slots, in slot order, into runs of at most BATCH_MAX_CHECKS spanning at most BATCH_SPAN_MS", () => {
    const t = 1_800_000_000_000;
    const close = Array.from({ length: BATCH_MAX_CHECKS + 5 }, (_, i) => slot(t + i)); // one full batch, then 5
    const later = [slot(t + BATCH_SPAN_MS + 100), slot(t + BATCH_SPAN_MS + 120)];
    const lonely = slot(t + 10_000);
    const { singles, batches } = batchCheckJobs([lonely, ...later, ...close.slice().reverse()]);
    expect(batches.map((b) => b.checks.length)).toEqual([BATCH_MAX_CHECKS, 5, 2]);
    expect(batches[0].checks.map((c) => c.slot)).toEqual(close.slice(0, BATCH_MAX_CHECKS).map((c) => c.slot));
    for (const b of batches) expect(b.checks.at(-1)!.slot - b.checks[0].slot).toBeLessThanOrEqual(BATCH_SPAN_MS);
    // A run of one stays an ordinary job, with its per-slot id.
    expect(singles).toEqual([lonely]);
  });

  it("leaves re-checks, first checks, Check now and browser checks alone, and never mixes regions", () => {
    const t = 1_800_000_000_000;
    const others = [slot(t, { kind: "recheck" }), slot(t, { kind: "first" }), slot(t, { kind: "manual" }), slot(t, { lane: "browser" })];
    const eu = [slot(t), slot(t + 1)];
    const us = [slot(t, { region: "us" }), slot(t + 1, { region: "us" })];
    const { singles, batches } = batchCheckJobs([...others, ...eu, ...us]);
    expect(singles).toEqual(others);
    expect(batches).toEqual([
      { region: "eu", checks: eu },
      { region: "us", checks: us },
    ]);
  });

  it("gives the same slots the same job id, other slots another", () => {
    const t = 1_800_000_000_000;
    const a = { region: "eu", checks: [slot(t), slot(t + 5)] };
    expect(checkBatchJobId({ region: "eu", checks: a.checks.map((c) => ({ ...c })) })).toBe(checkBatchJobId(a));
    expect(checkBatchJobId({ region: "eu", checks: [a.checks[0]] })).not.toBe(checkBatchJobId(a));
    expect(checkBatchJobId(a)).not.toMatch(/:/);
  });

  it("accepts only planned slots of the batch's own region, and reads either kind of job", () => {
    const t = 1_800_000_000_000;
    expect(CheckBatchData.safeParse({ region: "eu", checks: [slot(t), slot(t, { region: "us" })] }).success).toBe(false);
    expect(CheckBatchData.safeParse({ region: "eu", checks: [slot(t, { kind: "recheck" })] }).success).toBe(false);
    expect(CheckBatchData.safeParse({ region: "eu", checks: Array.from({ length: BATCH_MAX_CHECKS + 1 }, () => slot(t)) }).success).toBe(false);
    const b = { region: "eu", checks: [slot(t), slot(t + 1)] };
    expect(checksOfJob("batch", b)).toEqual(b.checks);
    expect(checksOfJob("slot", b.checks[0])).toEqual([b.checks[0]]);
    expect(checksOfJob("batch", { region: "eu" })).toEqual([]);
  });
});
