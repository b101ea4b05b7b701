import type { Seconds } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { formatDuration, formatOffset, MILLISECOND } from "./duration.ts";

describe("formatDuration at microsecond resolution", () => {
  it.each([
    [0, "< 1 µs"],
    [0.000_000_3, "< 1 µs"],
    [0.000_42, "420 µs"],
    [0.000_999_6, "1.00 ms"],
    [0.001_234, "1.23 ms"],
    [0.012_34, "12.3 ms"],
    [0.123_4, "123 ms"],
    [0.999_9, "1.00 s"],
    [1.5, "1.50 s"],
    [12.34, "12.3 s"],
    [59.99, "1m 00s"],
    [125, "2m 05s"],
    [3725, "1h 02m"],
    [-0.002, "-2.00 ms"],
    [Number.NaN, "–"],
  ])("%d s reads %s", (seconds, text) => {
    expect(formatDuration(seconds as Seconds)).toBe(text);
  });
});

describe("formatDuration at millisecond resolution (the Node SDK's clock)", () => {
  it.each([
    [0, "< 1 ms"],
    [0.000_4, "< 1 ms"],
    [0.001, "1 ms"],
    // end - start of two millisecond times is not exact in floating point
    [1_795_686_982.124 - 1_795_686_982.123, "1 ms"],
    [0.012, "12 ms"],
    [0.123_4, "123 ms"],
    [1.5, "1.50 s"],
    [12.345, "12.3 s"],
  ])("%d s reads %s", (seconds, text) => {
    expect(formatDuration(seconds as Seconds, MILLISECOND)).toBe(text);
  });

  it("never shows a decimal the clock cannot give", () => {
    expect(formatDuration(0.0125 as Seconds, MILLISECOND)).toMatch(/^1[23] ms$/);
  });
});

describe("formatOffset", () => {
  it("reads the start as +0, and later points as durations from it", () => {
    expect(formatOffset(0 as Seconds, MILLISECOND)).toBe("+0 ms");
    expect(formatOffset(0 as Seconds)).toBe("+0 µs");
    expect(formatOffset(0.05 as Seconds, MILLISECOND)).toBe("+50 ms");
    expect(formatOffset(-0.002 as Seconds, MILLISECOND)).toBe("-2 ms");
  });
});
