import { describe, expect, it } from "vitest";
import { nearestRank, ResponseTimes } from "./percentiles.ts";

describe("nearestRank", () => {
  const hundred = Array.from({ length: 100 }, (_, index) => (index + 1) / 1000);

  it("picks the value at the rank that covers the percentage", () => {
    expect(nearestRank(hundred, 50)).toBe(0.05);
    expect(nearestRank(hundred, 90)).toBe(0.09);
    expect(nearestRank(hundred, 99)).toBe(0.099);
    expect(nearestRank(hundred, 100)).toBe(0.1);
  });

  it("gives the only value for every percentage of a single request", () => {
    expect(nearestRank([0.25], 50)).toBe(0.25);
    expect(nearestRank([0.25], 99)).toBe(0.25);
  });

  it("is undefined without values", () => {
    expect(nearestRank([], 50)).toBeUndefined();
  });
});

describe("ResponseTimes", () => {
  it("sorts the times added in any order before reading the percentiles", () => {
    const times = new ResponseTimes();
    for (const seconds of [0.3, 0.1, 2, 0.2, 0.5, 0.4, 0.05, 0.15, 0.25, 0.35]) times.add(seconds);
    expect(times.percentiles()).toEqual({ P50: 0.25, P90: 0.5, P99: 2 });
  });

  it("keeps answering after more times arrive", () => {
    const times = new ResponseTimes();
    times.add(1);
    expect(times.percentiles()).toEqual({ P50: 1, P90: 1, P99: 1 });
    times.add(0.5);
    expect(times.percentiles()).toEqual({ P50: 0.5, P90: 1, P99: 1 });
  });

  it("has no percentiles before a request completed", () => {
    expect(new ResponseTimes().percentiles()).toBeUndefined();
  });
});
