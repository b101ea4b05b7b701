import type { LatencyBin, LatencyPoint, Seconds } from "@xray-sandbox/segments";
import { describe, expect, it } from "vitest";
import {
  barRects,
  binAt,
  binRange,
  type ChartBox,
  labelledBins,
  logTimeScale,
  xOfTime,
} from "./chart-geometry.ts";

const box: ChartBox = { width: 408, height: 120, left: 8, bottom: 20, top: 0 };
const bin = (from: number, to: number, count: number): LatencyBin => ({
  from: from as Seconds,
  to: to as Seconds,
  count,
});
const bins = [bin(0.1, 0.2, 10), bin(0.2, 0.5, 0), bin(0.5, 1, 1), bin(1, 2, 5)];

describe("chart geometry", () => {
  it("draws the tallest bin full height and keeps a lone slow trace visible", () => {
    const rects = barRects(bins, box);
    expect(rects[0]).toMatchObject({ x: 8, width: 98, height: 100, y: 0 });
    expect(rects[1]?.height).toBe(0);
    expect(rects[2]?.height).toBeGreaterThanOrEqual(2);
  });

  it("turns a drag across bars into the response-time range they cover", () => {
    expect(binAt(8, 4, box)).toBe(0);
    expect(binAt(300, 4, box)).toBe(2);
    expect(binAt(10_000, 4, box)).toBe(3);
    expect(binRange(bins, 2, 0)).toEqual({ min: 0.1, max: 1 });
  });

  it("places a percentile inside its bin", () => {
    expect(xOfTime(bins, 0.15, box)).toBeCloseTo(8 + 49);
    expect(xOfTime(bins, 5, box)).toBeCloseTo(8 + 4 * 98);
  });

  it("labels first, last and evenly between", () => {
    expect(labelledBins(3, 5)).toEqual([0, 1, 2, 3]);
    expect(labelledBins(40, 5)).toEqual([0, 10, 20, 30, 40]);
  });

  it("maps response times on a log scale and back", () => {
    const point = (responseTime: number): LatencyPoint => ({
      traceId: "1-00000000-000000000000000000000000" as LatencyPoint["traceId"],
      receivedAt: 0 as LatencyPoint["receivedAt"],
      responseTime: responseTime as Seconds,
      outcome: "ok",
    });
    const scale = logTimeScale([point(0.01), point(10)], box);
    expect(scale.y(10)).toBeCloseTo(0);
    expect(scale.y(0.01)).toBeCloseTo(100);
    expect(scale.seconds(scale.y(0.3))).toBeCloseTo(0.3);
  });
});
