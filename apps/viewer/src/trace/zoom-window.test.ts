import { describe, expect, it } from "vitest";
import {
  clampWindow,
  isFullWindow,
  MIN_WINDOW_FRACTION,
  panWindow,
  percentIn,
  windowFromFractions,
  zoomWindow,
} from "./zoom-window.ts";

describe("zoom window", () => {
  it("takes a brushed range in either direction", () => {
    expect(windowFromFractions(0.5, 0.25, 2)).toEqual({ from: 0.5, to: 1 });
  });

  it("never gets narrower than the minimum, nor leaves the trace", () => {
    const narrow = windowFromFractions(0.5, 0.5, 1);
    expect(narrow.to - narrow.from).toBeCloseTo(MIN_WINDOW_FRACTION, 9);
    expect(clampWindow({ from: -1, to: 5 }, 2)).toEqual({ from: 0, to: 2 });
  });

  it("zooms around the centre and shifts at the trace's edges", () => {
    expect(zoomWindow({ from: 0.4, to: 0.6 }, 0.5, 1)).toEqual({ from: 0.45, to: 0.55 });
    const out = zoomWindow({ from: 0, to: 0.2 }, 2, 1);
    expect(out.from).toBe(0);
    expect(out.to).toBeCloseTo(0.4, 9);
    expect(isFullWindow(zoomWindow({ from: 0.4, to: 0.6 }, 100, 1), 1)).toBe(true);
  });

  it("pans by a share of its width and stops at the edges", () => {
    const near = (window: { from: number; to: number }) => [
      Number(window.from.toFixed(9)),
      Number(window.to.toFixed(9)),
    ];
    expect(near(panWindow({ from: 0.2, to: 0.4 }, 0.5, 1))).toEqual([0.3, 0.5]);
    expect(near(panWindow({ from: 0.8, to: 1 }, 1, 1))).toEqual([0.8, 1]);
    expect(near(panWindow({ from: 0.1, to: 0.3 }, -1, 1))).toEqual([0, 0.2]);
  });

  it("places offsets across the window", () => {
    expect(percentIn({ from: 1, to: 3 }, 2)).toBe(50);
    expect(percentIn({ from: 1, to: 3 }, 0)).toBe(-50);
  });
});
