import { describe, expect, it } from "vitest";
import { Histogram, histogramBucket } from "./histogram.ts";

describe("histogramBucket", () => {
  it.each([
    [0, 0],
    [0.0004, 0],
    [0.0005, 0.001],
    [0.0123, 0.012],
    [0.00800013542175293, 0.008],
    [0.1234, 0.12],
    [0.987, 0.99],
    [1.234, 1.2],
    [12.5, 13],
  ])("puts %s s in the %s s bucket", (seconds, bucket) => {
    expect(histogramBucket(seconds)).toBe(bucket);
  });
});

describe("Histogram", () => {
  it("counts values per bucket in ascending order", () => {
    const histogram = new Histogram();
    for (const seconds of [0.12, 0.0501, 0.0499, 0.124, 0.2]) histogram.add(seconds);
    expect(histogram.entries()).toEqual([
      { Value: 0.05, Count: 2 },
      { Value: 0.12, Count: 2 },
      { Value: 0.2, Count: 1 },
    ]);
  });
});
