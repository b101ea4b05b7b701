/** OTLP nanoseconds to X-Ray seconds: the same number as dividing the `bigint` exactly. */

import { describe, expect, it } from "vitest";
import { nanosToEpochSeconds } from "./span-times.ts";

const BILLION = 1_000_000_000n;

/** Whole seconds and the fraction, each divided out of the `bigint` exactly. */
function exactly(nanos: bigint): number {
  return Number(nanos / BILLION) + Number(nanos % BILLION) / 1e9;
}

describe("nanosToEpochSeconds", () => {
  it("gives the exact whole seconds and fraction at the edges of a second and of 64 bits", () => {
    const edges = [
      0n,
      1n,
      999_999_999n,
      BILLION,
      BILLION + 1n,
      2n ** 53n,
      2n ** 53n + 1n,
      1_700_000_000_999_999_999n,
      1_700_000_001_000_000_000n,
      1_699_999_999_999_999_999n,
      2n ** 63n,
      2n ** 64n - 1n,
    ];
    expect(edges.map(nanosToEpochSeconds)).toEqual(edges.map(exactly));
  });

  it("agrees with the exact division on many times, near second boundaries too", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const times = Array.from({ length: 20_000 }, (_, i) => {
      const seconds = BigInt(Math.floor(random() * 4e9));
      const fraction =
        i % 4 === 0 ? 999_999_999n - BigInt(i % 3) : BigInt(Math.floor(random() * 1e9));
      return seconds * BILLION + fraction;
    });
    const wrong = times.filter((nanos) => nanosToEpochSeconds(nanos) !== exactly(nanos));
    expect(wrong).toEqual([]);
  });
});
