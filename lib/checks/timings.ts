import { performance } from "node:perf_hooks";

/**
 * Phase timings of one check, in ms.
 * - dnsMs, connectMs, tlsMs: how long each phase took, summed over the connections the check opened
 *   (one per redirect hop to a new origin); null when the phase never happened (IP literal → no DNS,
 *   http → no TLS).
 * - ttfbMs: time from the start of the check to the first byte of the final response (cumulative,
 *   like curl's time_starttransfer), so total ≥ ttfb ≥ dns + connect + tls of the first hop.
 * - totalMs: the whole check, body read included.
 */
export type CheckTimings = {
  dnsMs: number | null;
  connectMs: number | null;
  tlsMs: number | null;
  ttfbMs: number | null;
  totalMs: number;
};

export type Phase = "dns" | "connect" | "tls" | "headers" | "body";

const round = (ms: number) => Math.round(ms * 100) / 100;

export class TimingRecorder {
  readonly startedAt = new Date();
  private readonly t0 = performance.now();
  private dns: number | null = null;
  private connect: number | null = null;
  private tls: number | null = null;
  private ttfb: number | null = null;
  /** What the check is waiting for right now; names the phase in a timeout message. */
  phase: Phase = "connect";

  now(): number {
    return performance.now();
  }

  add(which: "dns" | "connect" | "tls", since: number): void {
    const ms = performance.now() - since;
    this[which] = (this[which] ?? 0) + ms;
  }

  firstByte(): void {
    this.ttfb = performance.now() - this.t0;
  }

  elapsed(): number {
    return performance.now() - this.t0;
  }

  finish(): CheckTimings {
    const totalMs = round(this.elapsed());
    const r = (v: number | null) => (v === null ? null : round(v));
    return { dnsMs: r(this.dns), connectMs: r(this.connect), tlsMs: r(this.tls), ttfbMs: r(this.ttfb), totalMs };
  }
}
