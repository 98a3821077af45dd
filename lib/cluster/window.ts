/** Values observed over the last `windowMs`, for percentiles (bounded: oldest samples drop first). */
export class SlidingWindow {
  private times: number[] = [];
  private values: number[] = [];

  constructor(
    private readonly windowMs = 60_000,
    private readonly maxSamples = 20_000,
  ) {}

  add(value: number, now = Date.now()): void {
    this.times.push(now);
    this.values.push(value);
    if (this.values.length > this.maxSamples * 1.5) this.trim(now, true);
  }

  private trim(now: number, force = false): void {
    let drop = 0;
    while (drop < this.times.length && this.times[drop] < now - this.windowMs) drop++;
    if (force) drop = Math.max(drop, this.values.length - this.maxSamples);
    if (drop > 0) {
      this.times = this.times.slice(drop);
      this.values = this.values.slice(drop);
    }
  }

  /** count, mean and the given percentiles (0..100) of the window; null values when empty. */
  summary(percentiles: number[], now = Date.now()): { count: number; mean: number | null; p: (number | null)[] } {
    this.trim(now);
    const n = this.values.length;
    if (n === 0) return { count: 0, mean: null, p: percentiles.map(() => null) };
    const sorted = Float64Array.from(this.values).sort();
    let sum = 0;
    for (const v of this.values) sum += v;
    return { count: n, mean: sum / n, p: percentiles.map((q) => sorted[Math.min(n - 1, Math.max(0, Math.ceil((q / 100) * n) - 1))]) };
  }
}
