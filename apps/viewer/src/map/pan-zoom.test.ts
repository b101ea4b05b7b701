import { describe, expect, it } from "vitest";
import {
  fitView,
  IDENTITY,
  MAX_ZOOM,
  MIN_ZOOM,
  panBy,
  wheelZoomFactor,
  zoomAt,
} from "./pan-zoom.ts";

function toScreen(view: { x: number; y: number; k: number }, point: { x: number; y: number }) {
  return { x: point.x * view.k + view.x, y: point.y * view.k + view.y };
}

describe("pan and zoom", () => {
  it("keeps the point under the cursor in place while zooming", () => {
    const view = { x: 40, y: -10, k: 1.5 };
    const cursor = { x: 300, y: 200 };
    const content = { x: (cursor.x - view.x) / view.k, y: (cursor.y - view.y) / view.k };
    const zoomed = zoomAt(view, 2, cursor);
    expect(zoomed.k).toBe(3);
    const after = toScreen(zoomed, content);
    expect(after.x).toBeCloseTo(cursor.x);
    expect(after.y).toBeCloseTo(cursor.y);
  });

  it("stops zooming at its bounds", () => {
    expect(zoomAt(IDENTITY, 100, { x: 0, y: 0 }).k).toBe(MAX_ZOOM);
    expect(zoomAt(IDENTITY, 0.001, { x: 0, y: 0 }).k).toBe(MIN_ZOOM);
  });

  it("pans by screen pixels", () => {
    expect(panBy({ x: 1, y: 2, k: 2 }, 10, -5)).toEqual({ x: 11, y: -3, k: 2 });
  });

  it("fits a large map inside the viewport, centred", () => {
    const view = fitView({ width: 2000, height: 500 }, { width: 1000, height: 600 }, 0);
    expect(view.k).toBe(0.5);
    expect(view).toEqual({ k: 0.5, x: 0, y: 175 });
  });

  it("does not blow a small map up beyond a readable size", () => {
    const view = fitView({ width: 100, height: 50 }, { width: 1000, height: 600 });
    expect(view.k).toBeLessThanOrEqual(1.25);
    expect(view.x).toBeCloseTo((1000 - 100 * view.k) / 2);
  });

  it("zooms in on a wheel turned away from the user and out the other way", () => {
    expect(wheelZoomFactor(-100)).toBeGreaterThan(1);
    expect(wheelZoomFactor(100)).toBeLessThan(1);
  });
});
