import { describe, expect, it } from "vitest";
import { computeUptime, formatUptime, subtract, union } from "./compute";
import { dailyBars } from "./daily";
import { nextPauseHistory } from "../monitors/pause-history";
import { pausedSpans } from "./paused";

const H = 3_600_000;
const DAY = 24 * H;
const T0 = Date.UTC(2026, 0, 10); // window start
const base = { windowStart: T0, windowEnd: T0 + DAY, now: T0 + DAY, createdAt: T0 - 30 * DAY };

describe("computeUptime (time-weighted from incidents)", () => {
  it("is 100 with no incidents and counts a whole-window incident as 0", () => {
    expect(computeUptime({ ...base, incidents: [] })).toEqual({ uptime: 100, downtimeMs: 0, monitoredMs: DAY });
    expect(computeUptime({ ...base, incidents: [{ startedAt: T0 - DAY, resolvedAt: T0 + 2 * DAY }] }).uptime).toBe(0);
  });

  it("clips incidents that span the window's edges", () => {
    const u = computeUptime({
      ...base,
      incidents: [
        { startedAt: T0 - 2 * H, resolvedAt: T0 + H }, // 1 h inside
        { startedAt: T0 + DAY - H / 2, resolvedAt: T0 + DAY + 5 * H }, // 30 min inside
        { startedAt: T0 - 5 * H, resolvedAt: T0 - H }, // entirely before: ignored
      ],
    });
    expect(u.downtimeMs).toBe(1.5 * H);
    expect(u.uptime).toBeCloseTo(100 * (1 - 1.5 / 24), 3);
  });

  it("runs an open incident until now, and not past it", () => {
    const now = T0 + 12 * H;
    const u = computeUptime({ ...base, now, incidents: [{ startedAt: T0 + 9 * H, resolvedAt: null }] });
    expect(u.monitoredMs).toBe(12 * H);
    expect(u.downtimeMs).toBe(3 * H);
    expect(u.uptime).toBe(75);
  });

  it("counts overlapping incidents once", () => {
    const u = computeUptime({
      ...base,
      incidents: [
        { startedAt: T0 + H, resolvedAt: T0 + 3 * H },
        { startedAt: T0 + 2 * H, resolvedAt: T0 + 4 * H },
      ],
    });
    expect(u.downtimeMs).toBe(3 * H);
  });

  it("only counts time since the monitor was created", () => {
    const u = computeUptime({ ...base, createdAt: T0 + 18 * H, incidents: [{ startedAt: T0 + 20 * H, resolvedAt: T0 + 21 * H }] });
    expect(u.monitoredMs).toBe(6 * H);
    expect(u.uptime).toBeCloseTo(100 * (5 / 6), 3);
    expect(computeUptime({ ...base, createdAt: T0 + 2 * DAY, incidents: [] })).toEqual({ uptime: 100, downtimeMs: 0, monitoredMs: 0 });
  });

  it("excludes paused periods from both the monitored time and the downtime", () => {
    const u = computeUptime({
      ...base,
      incidents: [{ startedAt: T0 + 10 * H, resolvedAt: T0 + 14 * H }],
      paused: [{ start: T0 + 12 * H, end: T0 + 18 * H }],
    });
    expect(u.monitoredMs).toBe(18 * H);
    expect(u.downtimeMs).toBe(2 * H);
    expect(u.uptime).toBeCloseTo(100 * (16 / 18), 3);
  });

  it("is 100 when the monitor was paused for the whole window", () => {
    expect(computeUptime({ ...base, incidents: [{ startedAt: T0, resolvedAt: null }], paused: [{ start: T0 - H, end: T0 + DAY }] }).uptime).toBe(100);
  });
});

describe("span helpers and formatting", () => {
  it("merges and subtracts", () => {
    expect(
      union([
        { start: 5, end: 8 },
        { start: 1, end: 3 },
        { start: 2, end: 4 },
      ]),
    ).toEqual([
      { start: 1, end: 4 },
      { start: 5, end: 8 },
    ]);
    expect(
      subtract(
        [{ start: 0, end: 10 }],
        [
          { start: 2, end: 3 },
          { start: 8, end: 12 },
        ],
      ),
    ).toEqual([
      { start: 0, end: 2 },
      { start: 3, end: 8 },
    ]);
  });
  it("never rounds an imperfect figure up to 100%", () => {
    expect(formatUptime(99.9996)).toBe("99.99%");
    expect(formatUptime(100)).toBe("100%");
    expect(formatUptime(null)).toBe("—");
  });
});

describe("pause history", () => {
  const iso = (ms: number) => new Date(ms).toISOString();
  it("turns records into spans; the open one lasts until now", () => {
    const history = [
      { start: iso(T0 + H), end: iso(T0 + 3 * H) },
      { start: iso(T0 + 8 * H), end: null },
    ];
    expect(pausedSpans({ pauseHistory: history }, T0 + 10 * H)).toEqual([
      { start: T0 + H, end: T0 + 3 * H },
      { start: T0 + 8 * H, end: T0 + 10 * H },
    ]);
    expect(pausedSpans({ pauseHistory: [] }, T0)).toEqual([]);
  });

  it("opens a record on pause, closes it on resume, and ignores repeats", () => {
    let h = nextPauseHistory([], true, new Date(T0));
    expect(h).toEqual([{ start: iso(T0), end: null }]);
    expect(nextPauseHistory(h, true, new Date(T0 + H))).toEqual(h);
    h = nextPauseHistory(h, false, new Date(T0 + 2 * H));
    expect(h).toEqual([{ start: iso(T0), end: iso(T0 + 2 * H) }]);
    expect(nextPauseHistory(h, false, new Date(T0 + 3 * H))).toEqual(h);
    h = nextPauseHistory(h, true, new Date(T0 + 4 * H));
    expect(h).toHaveLength(2);
  });

  it("forgets pauses that ended before the longest window, never the open one", () => {
    const old = [
      { start: iso(T0 - 120 * DAY), end: iso(T0 - 101 * DAY) },
      { start: iso(T0 - 95 * DAY), end: iso(T0 - 91 * DAY) },
    ];
    expect(nextPauseHistory(old, true, new Date(T0))).toEqual([old[1], { start: iso(T0), end: null }]);
    const openLong = [{ start: iso(T0 - 300 * DAY), end: null }];
    expect(nextPauseHistory(openLong, true, new Date(T0))).toEqual(openLong);
  });

  it("a pause that was resumed still counts as not monitored", () => {
    const pauseHistory = nextPauseHistory(nextPauseHistory([], true, new Date(T0 + 6 * H)), false, new Date(T0 + 12 * H));
    // Down for the whole day except while paused: the pause is neither up nor down time.
    const u = computeUptime({ ...base, incidents: [{ startedAt: T0, resolvedAt: null }], paused: pausedSpans({ pauseHistory }, T0 + DAY) });
    expect(u.uptime).toBe(0);
    expect(u.monitoredMs).toBe(18 * H);
  });
});

describe("dailyBars", () => {
  it("gives one bar per UTC day with the same arithmetic, and none before the monitor existed", () => {
    const now = T0 + 2 * DAY + 6 * H;
    const bars = dailyBars({
      now,
      days: 4,
      createdAt: T0 - 12 * H,
      paused: [],
      incidents: [{ startedAt: T0 + DAY - H, resolvedAt: T0 + DAY + H }],
      rollups: new Map([[T0, { checks: 100, okChecks: 98 }]]),
    });
    expect(bars.map((b) => b.day)).toEqual([T0 - DAY, T0, T0 + DAY, T0 + 2 * DAY]);
    expect(bars[0].uptime).toBe(100); // created at noon: 12 h monitored, no incident
    expect(bars[1]).toMatchObject({ downtimeMs: H, checks: 100, failedChecks: 2 });
    expect(bars[1].uptime).toBeCloseTo(100 * (23 / 24), 3);
    expect(bars[2].downtimeMs).toBe(H);
    expect(bars[3].uptime).toBe(100);
    const before = dailyBars({ now, days: 2, createdAt: now + H, paused: [], incidents: [], rollups: new Map() });
    expect(before.map((b) => b.uptime)).toEqual([null, null]);
  });
});
