import type { Seconds } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import { axisTicks } from "./time-axis.ts";

const labels = (duration: number, target?: number) =>
  axisTicks(duration as Seconds, target).map((tick) => tick.label);

describe("axisTicks", () => {
  it("places ticks on round values within the duration, in the unit that suits it", () => {
    expect(labels(0.9)).toEqual(["0", "200 ms", "400 ms", "600 ms", "900 ms"]);
    expect(labels(1)).toEqual(["0", "0.2 s", "0.4 s", "0.6 s", "0.8 s", "1 s"]);
    expect(labels(0.014)).toEqual(["0", "5 ms", "10 ms", "14 ms"]);
    expect(labels(0.0009)).toEqual(["0", "200 µs", "400 µs", "600 µs", "900 µs"]);
    expect(labels(12)).toEqual(["0", "2.5 s", "5 s", "7.5 s", "10 s", "12 s"]);
  });

  it("ends on a tick labelled with the whole duration", () => {
    const ticks = axisTicks(0.1234 as Seconds, 5);
    expect(ticks.at(-1)).toMatchObject({ fraction: 1, label: "123 ms", end: true });
    expect(ticks.filter((tick) => tick.end)).toHaveLength(1);
  });

  it("labels fractional steps with the decimals they need", () => {
    expect(labels(0.0025)).toEqual(["0", "0.5 ms", "1 ms", "1.5 ms", "2 ms", "2.5 ms"]);
  });

  it("counts long traces in minutes on whole-minute steps", () => {
    expect(labels(400)).toEqual(["0", "2m", "4m", "6m 40s"]);
    expect(labels(150)).toEqual(["0", "30s", "1m", "1m 30s", "2m", "2m 30s"]);
  });

  it("gives fractions across the axis", () => {
    const ticks = axisTicks(0.01 as Seconds, 5);
    expect(ticks.map((tick) => tick.fraction)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
  });

  it("has a single 0 tick for an empty or unknown duration", () => {
    expect(labels(0)).toEqual(["0"]);
    expect(labels(Number.NaN)).toEqual(["0"]);
  });
});

describe("axisTicks over a zoomed window", () => {
  it("labels offsets from the trace's start, ending on the window's end", () => {
    const ticks = axisTicks(0.01 as Seconds, 5, 0.503);
    expect(ticks.map((tick) => tick.label)).toEqual([
      "504 ms",
      "506 ms",
      "508 ms",
      "510 ms",
      "513 ms",
    ]);
    expect(ticks[0]?.fraction).toBeCloseTo(0.1, 6);
    expect(ticks.at(-1)).toMatchObject({ fraction: 1, end: true });
  });
});
