import { describe, expect, it } from "vitest";
import { shapeSeries } from "./series";

const row = (o: Partial<Parameters<typeof shapeSeries>[0][number]>) => ({
  t: new Date(1_800_000_000_000),
  region: "eu",
  checks: 2,
  ok: 2,
  lat: 400,
  dns: 20,
  connect: 30,
  tls: 50,
  ttfb: 300,
  ...o,
});

describe("response time breakdown", () => {
  it("stacks the wait for the first byte on DNS, connect and TLS, so the top of the stack is the TTFB, not more", () => {
    // Two ok checks: DNS 10, connect 15, TLS 25 and TTFB 150 each (TTFB counted from the start of the check).
    const [p] = shapeSeries([row({})]).breakdown;
    expect(p).toMatchObject({ dns: 10, connect: 15, tls: 25, ttfb: 100 });
    expect(p.dns + p.connect + p.tls + p.ttfb).toBe(150);
  });

  it("averages over regions and shows no wait for kinds that time no first byte", () => {
    const [p] = shapeSeries([row({}), row({ region: "us", ok: 1, checks: 1, dns: 10, connect: 5, tls: 0, ttfb: 50 })]).breakdown;
    expect(p).toMatchObject({ dns: 10, connect: 11.7, tls: 16.7 });
    expect(p.ttfb).toBeCloseTo((350 - 30 - 35 - 50) / 3, 1);
    const [tcp] = shapeSeries([row({ tls: 0, ttfb: 0 })]).breakdown;
    expect(tcp.ttfb).toBe(0);
  });
});
