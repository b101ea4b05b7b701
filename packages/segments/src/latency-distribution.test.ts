import { describe, expect, it } from "vitest";
import {
  binIndex,
  DistributionCollector,
  histogram,
  histogramEdges,
  outcomeOf,
  percentile,
} from "./latency-distribution.ts";
import { querySummary } from "./test-support/query-summaries.ts";

describe("histogramEdges", () => {
  it("log: readable edges per decade that cover the values", () => {
    const edges = histogramEdges(0.012, 0.9, 40, "log");
    expect(edges[0]).toBe(0.01);
    expect(edges.at(-1)).toBe(1);
    expect(edges).toContain(0.016);
    expect(edges).toContain(0.25);
    expect(edges.length - 1).toBeLessThanOrEqual(40);
  });

  it("log: coarser steps when the values span more decades than the bins allow", () => {
    const edges = histogramEdges(0.001, 100, 10, "log");
    expect(edges.length - 1).toBeLessThanOrEqual(10);
    expect(edges[0]).toBeLessThanOrEqual(0.001);
    expect(edges.at(-1)).toBeGreaterThanOrEqual(100);
    expect(histogramEdges(0.001, 100, 1, "log").length).toBeGreaterThanOrEqual(2);
  });

  it("linear: a 1-2-5 step from a multiple below the fastest to one above the slowest", () => {
    expect(histogramEdges(0.013, 0.091, 10, "linear")).toEqual([
      0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.09, 0.1,
    ]);
    const wide = histogramEdges(0, 7.3, 4, "linear");
    expect(wide).toEqual([0, 2, 4, 6, 8]);
  });

  it("one value still gets one bin of some width", () => {
    for (const scale of ["log", "linear"] as const) {
      const edges = histogramEdges(0.2, 0.2, 20, scale);
      expect(edges.length).toBeGreaterThanOrEqual(2);
      expect(edges[0]).toBeLessThanOrEqual(0.2);
      expect(edges.at(-1)).toBeGreaterThanOrEqual(0.2);
      expect(edges.at(-1)).toBeGreaterThan(edges[0] ?? 0);
    }
  });

  it("a response time of 0 lands in the first log bin", () => {
    const edges = histogramEdges(0, 0.5, 40, "log");
    expect(binIndex(edges, 0)).toBe(0);
  });
});

describe("histogram", () => {
  it("counts each value once, the upper edge of the last bin included", () => {
    const edges = [0, 1, 2, 3];
    const bins = histogram([0, 0.5, 1, 2.99, 3, 1.5], edges);
    expect(bins.map((bin) => bin.count)).toEqual([2, 2, 2]);
    expect(bins[1]).toEqual({ from: 1, to: 2, count: 2 });
  });

  it("puts a value on an inner edge in the bin that starts there", () => {
    const edges = histogramEdges(0.01, 1, 40, "log");
    const index = binIndex(edges, 0.25);
    expect(edges[index]).toBe(0.25);
  });
});

describe("percentile", () => {
  it("is the nearest rank", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 90)).toBe(90);
    expect(percentile(sorted, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([1, 2, 3], 50)).toBe(2);
  });

  it("refuses what has no answer", () => {
    expect(() => percentile([], 50)).toThrow(/no values/);
    expect(() => percentile([1], 0)).toThrow(/above 0/);
  });
});

describe("DistributionCollector", () => {
  it("describes the response times offered and skips untimed traces", () => {
    const collector = new DistributionCollector();
    for (let n = 1; n <= 200; n++) {
      collector.offer(querySummary(n, { responseTime: n / 1000, status: n === 200 ? 503 : 200 }));
    }
    expect(collector.offer(querySummary(999, { responseTime: null }))).toBe(false);
    const result = collector.result({ bins: 40, scale: "log", points: 50 });
    expect(result.timed).toBe(200);
    expect(result.percentiles).toEqual({ p50: 0.1, p90: 0.18, p99: 0.198 });
    expect(result.min).toBe(0.001);
    expect(result.max).toBe(0.2);
    expect(result.bins.reduce((sum, bin) => sum + bin.count, 0)).toBe(200);
    expect(result.pointsSampled).toBe(true);
    expect(result.points).toHaveLength(50);
    // The slowest trace always has its dot, with its outcome.
    expect(result.points).toContainEqual(
      expect.objectContaining({ responseTime: 0.2, outcome: "fault" }),
    );
    const times = result.points.map((point) => point.receivedAt);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("is empty without timed traces", () => {
    const result = new DistributionCollector().result({ bins: 10, scale: "linear", points: 10 });
    expect(result).toMatchObject({ timed: 0, bins: [], points: [], percentiles: undefined });
  });

  it("grows past its first arrays", () => {
    const collector = new DistributionCollector();
    for (let n = 0; n < 5000; n++) collector.offer(querySummary(n, { responseTime: 1 + (n % 10) }));
    const result = collector.result({ bins: 10, scale: "linear", points: 5000 });
    expect(result.timed).toBe(5000);
    expect(result.points).toHaveLength(5000);
    expect(result.pointsSampled).toBe(false);
  });
});

describe("outcomeOf", () => {
  it("reads the root's flags and the status", () => {
    expect(outcomeOf(querySummary(1, { status: 200 }))).toBe("ok");
    expect(outcomeOf(querySummary(1, { status: 404 }))).toBe("error");
    expect(outcomeOf(querySummary(1, { status: 429 }))).toBe("throttle");
    expect(outcomeOf(querySummary(1, { status: 502 }))).toBe("fault");
  });
});
