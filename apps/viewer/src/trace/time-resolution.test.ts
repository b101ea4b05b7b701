import { describe, expect, it } from "vitest";
import { MICROSECOND, MILLISECOND } from "../format/duration.ts";
import { clockResolution } from "./time-resolution.ts";

describe("clockResolution", () => {
  it("finds milliseconds in the times the Node SDK writes", () => {
    expect(clockResolution([1_795_686_982.123, 1_795_686_982.5, 1_795_686_983])).toBe(MILLISECOND);
  });

  it("finds microseconds when any time has them", () => {
    expect(clockResolution([1_795_686_982.123, 1_795_686_982.123_456])).toBe(MICROSECOND);
    expect(clockResolution([1_795_686_982.123_4])).toBeCloseTo(1e-4, 12);
  });

  it("reads sub-microsecond clocks as microseconds, and skips what is not a time", () => {
    expect(clockResolution([1_795_686_982.123_456_7])).toBe(MICROSECOND);
    expect(clockResolution(["x", Number.NaN, undefined])).toBe(MICROSECOND);
    expect(clockResolution([])).toBe(MICROSECOND);
  });
});
