import type { Seconds } from "@xray-sandbox/segments";
import { expect, it } from "vitest";
import { formatDuration } from "./duration.ts";

it.each([
  [0, "0 µs"],
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
