import { describe, expect, it } from "vitest";
import { latencyBars, tallest } from "./latency-bars.ts";

describe("latencyBars", () => {
  it("keeps the daemon's buckets as they are when there are few", () => {
    expect(
      latencyBars([
        { Value: 0.05, Count: 2 },
        { Value: 0.12, Count: 1 },
      ]),
    ).toEqual([
      { from: 0.05, to: 0.05, count: 2 },
      { from: 0.12, to: 0.12, count: 1 },
    ]);
  });

  it("regroups many buckets into at most the given number of bars, keeping every request", () => {
    const histogram = Array.from({ length: 100 }, (_, index) => ({
      Value: (index + 1) / 1000,
      Count: 1 + (index % 3),
    }));
    const bars = latencyBars(histogram, 8);
    expect(bars).toHaveLength(8);
    const total = histogram.reduce((sum, entry) => sum + entry.Count, 0);
    expect(bars.reduce((sum, bar) => sum + bar.count, 0)).toBe(total);
    expect(bars[0]?.from).toBe(0.001);
    expect(bars.at(-1)?.to).toBe(0.1);
    for (const [index, bar] of bars.entries()) {
      if (index > 0) expect(bar.from).toBeCloseTo(bars[index - 1]?.to ?? 0, 9);
    }
  });

  it("uses a logarithmic scale for times that span more than a factor of ten", () => {
    const histogram = Array.from({ length: 40 }, (_, index) => ({
      Value: 0.001 * 1.2 ** index,
      Count: 1,
    }));
    const bars = latencyBars(histogram, 4);
    const ratios = bars.map((bar) => bar.to / bar.from);
    for (const ratio of ratios) expect(ratio).toBeCloseTo(ratios[0] ?? 0, 6);
    expect(bars.map((bar) => bar.count)).toEqual([10, 10, 10, 10]);
  });

  it("is empty without requests", () => {
    expect(latencyBars([])).toEqual([]);
    expect(latencyBars([{ Value: 0.1, Count: 0 }])).toEqual([]);
  });
});

describe("tallest", () => {
  it("is the largest count, at least one", () => {
    expect(
      tallest([
        { from: 0, to: 1, count: 4 },
        { from: 1, to: 2, count: 7 },
      ]),
    ).toBe(7);
    expect(tallest([])).toBe(1);
  });
});
