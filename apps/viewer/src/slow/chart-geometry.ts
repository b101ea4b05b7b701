/** Where the latency chart draws things: pure arithmetic, tested without a browser. */

import type { LatencyBin, LatencyPoint } from "@xray-sandbox/segments";

export interface ChartBox {
  readonly width: number;
  readonly height: number;
  /** Room for the axis labels. */
  readonly left: number;
  readonly bottom: number;
  readonly top: number;
}

export function plotWidth(box: ChartBox): number {
  return Math.max(1, box.width - box.left - 8);
}

export function plotHeight(box: ChartBox): number {
  return Math.max(1, box.height - box.bottom - box.top);
}

/** One rectangle per bin, equal widths (log edges are evenly spaced in log terms). */
export function barRects(
  bins: readonly LatencyBin[],
  box: ChartBox,
): { x: number; y: number; width: number; height: number }[] {
  const width = plotWidth(box) / Math.max(1, bins.length);
  const tallest = Math.max(1, ...bins.map((bin) => bin.count));
  const height = plotHeight(box);
  return bins.map((bin, i) => {
    // A bin with any trace gets at least 2 px, so that one slow request is visible.
    const h = bin.count === 0 ? 0 : Math.max(2, (bin.count / tallest) * height);
    return { x: box.left + i * width, y: box.top + height - h, width, height: h };
  });
}

/** The bin under an x coordinate of the plot (clamped to the first and last). */
export function binAt(x: number, bins: number, box: ChartBox): number {
  const width = plotWidth(box) / Math.max(1, bins);
  return Math.min(bins - 1, Math.max(0, Math.floor((x - box.left) / width)));
}

/** The response-time range bins `a` to `b` (either order) cover. */
export function binRange(
  bins: readonly LatencyBin[],
  a: number,
  b: number,
): { min: number; max: number } | undefined {
  const low = bins[Math.min(a, b)];
  const high = bins[Math.max(a, b)];
  return low && high ? { min: low.from, max: high.to } : undefined;
}

/** Where a response time falls along the bins, as an x coordinate (for percentile marks). */
export function xOfTime(bins: readonly LatencyBin[], seconds: number, box: ChartBox): number {
  const width = plotWidth(box) / Math.max(1, bins.length);
  const index = bins.findIndex((bin) => seconds < bin.to);
  const i = index === -1 ? bins.length - 1 : index;
  const bin = bins[i];
  if (!bin) return box.left;
  const span = bin.to - bin.from;
  const fraction = span > 0 ? Math.min(1, Math.max(0, (seconds - bin.from) / span)) : 0.5;
  return box.left + (i + fraction) * width;
}

/** A log scale over response times for the scatter's y axis. */
export interface TimeScale {
  readonly min: number;
  readonly max: number;
  y(seconds: number): number;
  /** The response time at a y coordinate. */
  seconds(y: number): number;
}

export function logTimeScale(points: readonly LatencyPoint[], box: ChartBox): TimeScale {
  const floor = 1e-6;
  let min = Number.POSITIVE_INFINITY;
  let max = 0;
  for (const point of points) {
    min = Math.min(min, Math.max(floor, point.responseTime));
    max = Math.max(max, point.responseTime);
  }
  if (!Number.isFinite(min)) min = 0.001;
  if (!(max > min)) max = min * 10;
  const lo = Math.log10(min);
  const hi = Math.log10(max);
  const height = plotHeight(box);
  return {
    min,
    max,
    y: (seconds) =>
      box.top + height - ((Math.log10(Math.max(floor, seconds)) - lo) / (hi - lo)) * height,
    seconds: (y) => 10 ** (lo + ((box.top + height - y) / height) * (hi - lo)),
  };
}

/** Received times across the scatter's x axis. */
export function timeX(points: readonly LatencyPoint[], box: ChartBox): (at: number) => number {
  const first = points[0]?.receivedAt ?? 0;
  const last = points.at(-1)?.receivedAt ?? first;
  const span = last - first || 1;
  const width = plotWidth(box);
  return (at) => box.left + ((at - first) / span) * width;
}

/** Up to `count` bins to label: first, last and evenly between. */
export function labelledBins(bins: number, count: number): number[] {
  if (bins <= count) return Array.from({ length: bins + 1 }, (_, i) => i);
  const step = Math.ceil(bins / (count - 1));
  const out: number[] = [];
  for (let i = 0; i < bins; i += step) out.push(i);
  out.push(bins);
  return out;
}
